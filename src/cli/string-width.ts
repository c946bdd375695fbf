// Stands in for the string-width package in the CLI bundle (scripts/bundle-cli.js aliases it). yargs and cliui measure
// help columns with it, and it builds an Intl.Segmenter and Unicode-property regexes as it loads: time on every
// start, help or not (bench/RESULTS.md). keymock's help is ASCII plus "…", so its width is its code points once ANSI
// colour codes are removed.
const ansi = /\u001b\[[0-9;]*m/g;

export default function stringWidth(text: string): number {
  if (typeof text !== "string" || text.length === 0) return 0;
  let width = 0;
  for (const _ of text.replace(ansi, "")) width++;
  return width;
}
