/**
 * Puts one of our kernels in place of a backend's kernel of the same name.
 * The backend's own is kept from the first replacement, so that a second
 * registration (a backend restarted with another thread count) does not take
 * ours for it; ours find it with ownKernel for the cases they leave to it.
 */
import { getKernel, type KernelFunc, registerKernel, unregisterKernel } from "@tensorflow/tfjs-core";

const owns = new Map<string, KernelFunc>();
const key = (backendName: string, kernelName: string) => `${backendName}/${kernelName}`;

/** The backend's own kernel of a name we replaced; undefined where it had none. */
export function ownKernel(backendName: string, kernelName: string): KernelFunc | undefined {
  return owns.get(key(backendName, kernelName));
}

/** Registers `kernelFunc` under `kernelName` on `backendName`, keeping the backend's own (see ownKernel). */
export function replaceKernel(backendName: string, kernelName: string, kernelFunc: KernelFunc): void {
  const existing = getKernel(kernelName, backendName);
  if (existing && !owns.has(key(backendName, kernelName))) {
    owns.set(key(backendName, kernelName), existing.kernelFunc);
  }
  if (existing) unregisterKernel(kernelName, backendName);
  registerKernel({ kernelName, backendName, kernelFunc });
}
