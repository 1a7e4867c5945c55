// The text people search matches against: JS lower-casing handles Cyrillic and every other script.
export function searchNameFor(username: string, displayName: string): string {
  return `${username} ${displayName}`.toLowerCase().slice(0, 100);
}
