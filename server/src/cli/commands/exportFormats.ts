/** Formats of `gbt27922 export` (apart from the command, which is a bundle of its own). */
export const EXPORT_FORMATS = ['docx', 'xlsx', 'pdf', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
