const isLoopbackHostname = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);

export function isLoopbackOrigin(origin: string): boolean {
  try {
    return isLoopbackHostname(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/**
 * Whether a Host header names this machine: a loopback name, or the address the pool was
 * told to listen on. A page on another site that rebinds its own name to 127.0.0.1 still
 * sends its own name as Host, so it is refused (DNS rebinding).
 */
export function isLocalHost(host: string | undefined, listenHost: string): boolean {
  if (!host) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  const configured = listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  return isLoopbackHostname(hostname) || hostname === configured.toLowerCase();
}

const loopbackIpv4 = /^127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether a TCP peer (or listen) address is this machine: 127.0.0.0/8, ::1, or ::ffff:127.x. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const mapped = /^::ffff:(.+)$/i.exec(address)?.[1];
  return loopbackIpv4.test(mapped ?? address) || address === '::1';
}

/**
 * Whether a request may reach the local aids: it comes over a loopback connection and names
 * this machine in its Host header. A pool told to listen on the network still serves codes and
 * private challenge parameters only to this machine, whatever Host a caller elsewhere sends.
 */
export function isLocalCaller(
  request: { headers: { host?: string }; socket: { remoteAddress?: string } },
  listenHost: string,
): boolean {
  return (
    isLoopbackAddress(request.socket.remoteAddress) && isLocalHost(request.headers.host, listenHost)
  );
}

/**
 * Whether a request may use an administrator operation (AdminUpdateUserAttributes): on AWS only
 * IAM credentials can, which no page in a browser holds; here, this machine only, and no page
 * from another site (a web page a developer visits could otherwise mark an address verified).
 */
export function mayAdminister(
  request: { headers: { host?: string; origin?: string }; socket: { remoteAddress?: string } },
  listenHost: string,
): boolean {
  const { origin } = request.headers;
  return isLocalCaller(request, listenHost) && (origin === undefined || isLoopbackOrigin(origin));
}
