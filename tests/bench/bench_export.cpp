// Export throughput (not a CTest test):
//   bench_export CORPUS_DIR [--format jsonl|csv|txt] [--limit N] [--threads N] [--out FILE]
// scans the corpus into a store, then exports every entry (or the first N in time order),
// masked, as the File menu does, to a temporary file or FILE (--threads 1: on one thread);
// prints wall and CPU time and MB/s. FILE lets two builds' exports be compared byte for byte.
#include "benchsupport.h"

#include "models/exec/executor.h"
#include "models/export/entryexport.h"
#include "models/ingest/processsetup.h"
#include "models/ingest/scanner.h"
#include "models/query/timeorder.h"
#include "models/secrets/secretmasker.h"

#include <QCoreApplication>
#include <QTemporaryDir>

using namespace vigil;

int main(int argc, char** argv) {
    applyIngestProcessSettings();
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString dir, format = QStringLiteral("jsonl"), outPath;
    std::size_t limit = 0;
    int threads = 0;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == "--format" && i + 1 < args.size())
            format = args[++i];
        else if (args[i] == "--limit" && i + 1 < args.size())
            limit = args[++i].toULongLong();
        else if (args[i] == "--threads" && i + 1 < args.size())
            threads = args[++i].toInt();
        else if (args[i] == "--out" && i + 1 < args.size())
            outPath = args[++i];
        else
            dir = args[i];
    }
    QTextStream out(stdout);
    if (dir.isEmpty()) {
        out << "usage: bench_export CORPUS_DIR [--format jsonl|csv|txt] [--limit N] [--threads N] [--out "
               "FILE]\n";
        return 2;
    }
    EntryStore store;
    scanInto(store, {dir});
    TimeOrder order;
    order.update(store.snapshot());
    std::vector<EntryIndex> rows = order.order();
    if (limit > 0 && rows.size() > limit) rows.resize(limit);
    QTemporaryDir tmp;
    QFile file(outPath.isEmpty() ? tmp.filePath(QStringLiteral("export.") + format) : outPath);
    if (!file.open(QIODevice::WriteOnly)) return 1;
    Executor executor(threads); // 0: one thread per core, as the window's
    const bench::Stopwatch t;
    const QString error =
        exportEntries(ExportSource::capture(store), rows, exportFormatFor(file.fileName()), SecretMasker(),
                      file, nullptr, nullptr, threads == 1 ? nullptr : &executor);
    file.flush();
    out << QString::asprintf("export %zu entries as %s: %s, %.1f MB, %.1f MB/s%s\n", rows.size(),
                             qPrintable(format), qPrintable(t.text()), file.size() / 1e6,
                             file.size() / 1e6 / t.wall(),
                             error.isEmpty() ? "" : qPrintable(QStringLiteral(" (") + error + ")"));
    return 0;
}
