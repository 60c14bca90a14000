#pragma once
// Writes entries (the filtered rows) as JSON Lines, CSV or text, secrets masked: one record
// per entry with time, instance, level, logger, file, duration, status, correlation id,
// message and the whole text (all lines). Text is for reading on a terminal, as `vigil show`
// prints it: time, instance, level and message on one line, further lines indented, control
// characters escaped so that a logged "\x1b[2J" cannot clear the screen or forge a line.
// Exports of many entries run on a worker: they read an ExportSource captured on the store's
// thread, never the live store.

#include "../query/textaccess.h"
#include "../secrets/secretmasker.h"
#include "../store/entrystore.h"

#include <QString>

#include <atomic>
#include <string>
#include <vector>

class QIODevice;

namespace vigil {

class Executor;

enum class ExportFormat { JsonLines, Csv, Text };

// What an export reads, safe to use from any thread once captured.
struct ExportSource {
    StoreSnapshot columns;
    TextAccess text;
    std::vector<std::string> instances, loggers; // by id
    std::vector<QString> files;                  // relative paths, by FileId

    // Call on the store's thread.
    static ExportSource capture(const EntryStore& store);
};

// Returns an empty string on success, else why it failed ("cancelled" when `cancel` was
// set). `done` counts the entries written so far, for progress. With an executor, blocks of
// entries are read, masked and formatted on every core, and written in order.
QString exportEntries(const ExportSource& source, const std::vector<EntryIndex>& rows, ExportFormat format,
                      const SecretMasker& masker, QIODevice& out, const std::atomic<bool>* cancel = nullptr,
                      std::atomic<std::size_t>* done = nullptr, Executor* executor = nullptr);

// The same on the store's thread, for small exports and tests.
QString exportEntries(const EntryStore& store, const std::vector<EntryIndex>& rows, ExportFormat format,
                      const SecretMasker& masker, QIODevice& out);

// The format a file name asks for (".csv" -> CSV, ".txt" -> text, anything else JSON Lines).
ExportFormat exportFormatFor(const QString& fileName);

} // namespace vigil
