// A block's reason in the reader's language: the reasons the system writes (src/domain/block-reasons.ts)
// are worded here; a reason a person wrote is shown as written.
import { systemBlockReason } from '../../domain/block-reasons.ts';
import { messages, type Locale } from './index.ts';

export function blockReasonText(reason: string, locale: Locale): string {
  const code = systemBlockReason(reason);
  return code ? messages(locale).common.systemBlockReasons[code] : reason;
}
