/**
 * Hu, Koren & Volinsky (ICDM 2008) §4: implicit feedback is split into a binary PREFERENCE
 * p_ui = [r_ui > 0] and a CONFIDENCE in it, c_ui = 1 + α·r_ui (or the log variant
 * 1 + α·log(1 + r_ui/ε)). Unobserved pairs have p = 0 and c = 1: "probably not a fan", weakly held.
 * Research §5.3.
 */
import { DetMath } from '../../core/math';

export type ConfidenceKind = 'linear' | 'log';

export interface ConfidenceConfig {
  alpha: number;
  kind: ConfidenceKind;
  /** ε of the log variant (plays at which the log starts to bend) */
  epsilon: number;
}

export function confidence(plays: number, cfg: ConfidenceConfig): number {
  if (plays <= 0) return 1;
  return cfg.kind === 'linear' ? 1 + cfg.alpha * plays : 1 + cfg.alpha * DetMath.log(1 + plays / cfg.epsilon);
}

export function preference(plays: number): 0 | 1 {
  return plays > 0 ? 1 : 0;
}
