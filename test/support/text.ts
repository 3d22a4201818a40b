/**
 * A Testing Library matcher for the element whose whole text is `text`, inline elements
 * included (a `<bdi>` around a username or an address): `getByText('...')` alone reads only
 * an element's own text nodes.
 */
export const wholeText = (text: string) => (_content: string, element: Element | null) =>
  element?.textContent === text &&
  Array.from(element.children).every((child) => child.textContent !== text);
