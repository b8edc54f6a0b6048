/**
 * Serve a fetch handler (a Hono app's `fetch`) on a real 127.0.0.1 socket from Node
 * tests, on a free port. Returns the base URL and a close function.
 */
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<RunningServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if ("closeAllConnections" in server) (server as { closeAllConnections(): void }).closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
