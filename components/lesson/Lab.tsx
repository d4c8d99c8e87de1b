import { LabEmbed, type LabEmbedProps } from '../lab-shell/LabEmbed';

/**
 * `<Lab id="queue" preset="near-saturation" />` in a lesson. The embed itself (lazy, same-size
 * placeholder) belongs to the lab shell; this server wrapper only lets it use the full width of the
 * lesson column instead of the narrower reading measure.
 */
export function Lab(props: LabEmbedProps) {
  return (
    <div className="lesson-wide">
      <LabEmbed {...props} />
    </div>
  );
}
