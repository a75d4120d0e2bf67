/** Public API of the 公文 engine: model, parsers, checker, numbering and renderers. */
export * from './model.ts';
export { parseText, parseLines, textToLines, documentTypeFromTitle, formatOf, type SourceLine } from './parse-text.ts';
export { parseDocx } from './parse-docx.ts';
export { checkDocument, type CheckOptions, type OrgUnit, type SensitiveTerm } from './checker.ts';
export { applyFix, getElementText, setElementText } from './element-text.ts';
export { STARTER_MISUSED_WORDS, type MisusedWord } from './misused-words.ts';
export {
  emptyRegister,
  nextSerial,
  reserveNumber,
  useNumber,
  releaseNumber,
  voidNumber,
  recordUsedNumber,
  findGaps,
  describeRegister,
  NumberingError,
  type NumberEntry,
  type NumberEvent,
  type NumberRegister,
  type NumberStatus,
  type NumberingErrorCode,
} from './numbering.ts';
export { renderDocx, PAGE, FONTS, RED, textWidthChars } from './render-docx.ts';
export { renderHtml } from './render-html.ts';
export { breakTitle, isTrapezoidOrDiamond, TITLE_LINE_CHARS } from './title-lines.ts';
export {
  formatChineseDate,
  formatDocumentNumber,
  parseDate,
  parseDocumentNumber,
  matchHeading,
  chineseNumeralValue,
  toChineseNumeral,
} from './text-forms.ts';
export { compareDocuments, type DiffRow, type DiffPart } from './diff.ts';
export { documentSubstance } from './substance.ts';
