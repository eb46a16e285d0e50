/**
 * A folder of PNG images: either all loose in the folder (unlabelled), or one level of
 * subfolders whose names are the class labels.
 */
import { basename, join } from "node:path";
import { type Image, isGray } from "../image/image.ts";
import { decodePng } from "../image/png.ts";
import { imageDataset, splitGroups } from "./images.ts";
import type { Dataset, LoadOptions } from "./types.ts";

interface Listing {
  classes?: string[];
  /** Sorted file paths, one list per class (a single list when unlabelled). */
  groups: string[][];
}

/** Each class's last 10% by sorted file name is its test split. */
export async function loadFolder(dir: string, options: LoadOptions): Promise<Dataset> {
  const { classes, groups } = await listImages(dir);
  const images = await Promise.all(groups.map((files) => Promise.all(files.map(readPng))));
  const channels = options.channels ?? (images.every((group) => group.every(isGray)) ? 1 : 3);
  return imageDataset(basename(dir), splitGroups(images, 0.1), options.imageSize ?? 28, channels, classes);
}

async function listImages(dir: string): Promise<Listing> {
  const loose = await pngsIn(dir);
  const classes: string[] = [], groups: string[][] = [];
  for (const name of sorted(await entries(dir, (entry) => entry.isDirectory))) {
    const files = await pngsIn(join(dir, name));
    if (files.length === 0) continue;
    classes.push(name);
    groups.push(files);
  }
  if (loose.length > 0 && classes.length > 0) {
    throw new Error(
      `${dir}: has both loose .png files and class subfolders; put every image in a subfolder, or none`,
    );
  }
  if (loose.length === 0 && classes.length === 0) {
    throw new Error(`${dir}: no .png images in it or its subfolders`);
  }
  return classes.length > 0 ? { classes, groups } : { groups: [loose] };
}

/** The .png files in `dir`, sorted by name, as paths. */
export async function pngsIn(dir: string): Promise<string[]> {
  const names = await entries(dir, (entry) => entry.isFile && entry.name.toLowerCase().endsWith(".png"));
  return sorted(names).map((name) => join(dir, name));
}

/** The names in `dir` that `keep` takes; a link counts as what it points to. */
async function entries(dir: string, keep: (entry: Kind) => boolean): Promise<string[]> {
  const all = await Array.fromAsync(Deno.readDir(dir), async (entry): Promise<Kind> => {
    if (!entry.isSymlink) return entry;
    // readDir calls a link neither file nor folder: followed, so that a linked class or image is not lost.
    const target = await Deno.stat(join(dir, entry.name)).catch(() => {
      throw new Error(`${join(dir, entry.name)} is a link to nothing`);
    });
    return { name: entry.name, isFile: target.isFile, isDirectory: target.isDirectory };
  });
  return all.filter(keep).map((entry) => entry.name);
}

type Kind = Pick<Deno.DirEntry, "name" | "isFile" | "isDirectory">;

/** Sorted by code unit, not locale, so the split is the same on every machine. */
function sorted(names: string[]): string[] {
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A decoded PNG; an error names the file. */
export async function readPng(file: string): Promise<Image> {
  try {
    return decodePng(await Deno.readFile(file));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}
