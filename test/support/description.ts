/**
 * What assistive technology reads after an element's name: the text of each element its
 * aria-describedby names, in order (jsdom computes no accessible description).
 */
export function descriptionOf(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
    .join(' ');
}
