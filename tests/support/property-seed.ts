/**
 * Property tests explore new inputs on every local run, but CI runs one fixed seed so that a
 * landing never hangs on a draw no one has seen; FC_SEED reruns any reported seed.
 */
import fc from "fast-check";

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261202 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
