#include "exportrunner.h"

#include "models/export/entryexport.h"
#include "models/workspace.h"

#include <QPointer>
#include <QProgressDialog>
#include <QSaveFile>
#include <QTimer>

#include <memory>

namespace vigil {

ExportRunner* ExportRunner::start(QWidget* parent, Workspace& workspace, const QString& fileName) {
    auto* runner = new ExportRunner(parent);
    auto file = std::make_shared<QSaveFile>(fileName);
    const int total = workspace.table().rowCount();
    if (!file->open(QIODevice::WriteOnly)) {
        const QString error = file->errorString();
        QTimer::singleShot(0, runner, [runner, error] {
            Q_EMIT runner->finished(error, 0);
            runner->deleteLater();
        });
        return runner;
    }
    // Everything the worker reads is captured here, on the store's thread.
    auto source = std::make_shared<const ExportSource>(ExportSource::capture(workspace.store()));
    auto rows = std::make_shared<const std::vector<EntryIndex>>(workspace.table().rows());
    const SecretMasker masker = workspace.table().masker();
    const ExportFormat format = exportFormatFor(fileName);
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    auto done = std::make_shared<std::atomic<std::size_t>>(0);

    auto* progress =
        new QProgressDialog(tr("Exporting %n entries…", "", total), tr("Cancel"), 0, total, parent);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500);
    auto* poll = new QTimer(runner);
    connect(poll, &QTimer::timeout, progress, [progress, done] { progress->setValue(int(done->load())); });
    poll->start(100);
    connect(progress, &QProgressDialog::canceled, runner, [cancel] { cancel->store(true); });

    auto finish = [runner, file, progress, done](QString error) {
        if (error.isEmpty() && !file->commit()) error = file->errorString();
        if (!error.isEmpty()) file->cancelWriting();
        progress->deleteLater();
        Q_EMIT runner->finished(error, int(done->load()));
        runner->deleteLater();
    };
    QPointer<ExportRunner> alive(runner);
    Executor* executor = &workspace.executor();
    executor->start([source, rows, masker, format, file, cancel, done, alive, finish, executor] {
        const QString error =
            exportEntries(*source, *rows, format, masker, *file, cancel.get(), done.get(), executor);
        QMetaObject::invokeMethod(
            alive.data(),
            [alive, finish, error] {
                if (alive) finish(error);
            },
            Qt::QueuedConnection);
    });
    return runner;
}

} // namespace vigil
