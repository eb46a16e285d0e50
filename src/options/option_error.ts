/**
 * A mistake in options, whatever carried them. Its message names options as
 * `{name}` and says `{option}` for the kind of thing they are; each surface
 * renders both in its own words: `--name` and "flag" on a command line,
 * `name` and "parameter" in a query, "field" in a JSON body.
 */
export interface Surface {
  /** What an option is called here: "flag", "parameter", "field". */
  noun: string;
  /** How an option's name is written here. */
  name(name: string): string;
}

const PLAIN: Surface = { noun: "option", name: (name) => name };

export class OptionError extends Error {
  override name = "OptionError";

  constructor(readonly template: string) {
    super(render(template, PLAIN));
  }

  render(surface: Surface): string {
    return render(this.template, surface);
  }
}

function render(template: string, surface: Surface): string {
  return template.replace(
    /\{([a-z0-9-]+)\}/g,
    (_, name) => name === "option" ? surface.noun : surface.name(name),
  );
}
