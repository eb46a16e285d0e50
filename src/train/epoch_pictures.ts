/** A run's picture after each epoch: samples/epoch-NNN.png, numbered from 1, more digits past 999. */

const EPOCH_PICTURE = /^epoch-(\d+)\.png$/;

export function epochPictureName(epoch: number): string {
  return `epoch-${String(epoch).padStart(3, "0")}.png`;
}

/** The epoch pictures among the file `names`, in epoch order (which past epoch 999 is not the names' order). */
export function epochPictures(names: readonly string[]): { name: string; epoch: number }[] {
  return names
    .map((name) => ({ name, epoch: Number(EPOCH_PICTURE.exec(name)?.[1] ?? NaN) }))
    .filter(({ epoch }) => !Number.isNaN(epoch))
    .sort((a, b) => a.epoch - b.epoch);
}
