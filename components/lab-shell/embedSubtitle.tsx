/** An embed's one line under its title: the preset it starts from (the lesson's paragraph tells the story). */
export function embedSubtitle(lab: { presets: readonly { id: string; title: string }[] }, presetId: string | undefined): string {
  const preset = lab.presets.find((p) => p.id === presetId);
  return preset ? `Preset: ${preset.title}` : 'Default settings';
}
