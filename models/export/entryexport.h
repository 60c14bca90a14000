#pragma once
// Writes entries (the filtered rows) as JSON Lines or CSV, secrets masked: one record per
// entry with time, instance, level, logger, file, duration, status, correlation id,
// message and the whole text (all lines).

#include "../secrets/secretmasker.h"
#include "../store/entrystore.h"

#include <QString>

#include <vector>

class QIODevice;

namespace vigil {

enum class ExportFormat { JsonLines, Csv };

// Returns an empty string on success, else why it failed. Call on the store's thread.
QString exportEntries(const EntryStore& store, const std::vector<EntryIndex>& rows, ExportFormat format,
                      const SecretMasker& masker, QIODevice& out);

// The format a file name asks for (".csv" -> CSV, anything else JSON Lines).
ExportFormat exportFormatFor(const QString& fileName);

} // namespace vigil
