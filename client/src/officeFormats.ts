/**
 * The Office export formats and their commands (pure constants: the score panel imports them in
 * both builds; the export itself, export.ts, runs the command line and exists on the desktop only).
 */
export type OfficeFormat = 'docx' | 'xlsx' | 'pdf';

/** The commands (also in COMMANDS of commands.ts, which the manifest test reads). */
export const EXPORT_COMMANDS: Record<OfficeFormat, string> = {
  docx: 'gbt27922.exportWord',
  xlsx: 'gbt27922.exportExcel',
  pdf: 'gbt27922.exportPdf',
};

export const LIBREOFFICE_CONTEXT_KEY = 'gbt27922.libreOfficeFound';
