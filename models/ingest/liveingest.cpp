#include "liveingest.h"

#include "scanner.h"

#include <QPointer>
#include <QThread>

namespace vigil {

LiveIngest::LiveIngest(EntryStore& store, QObject* parent) : QObject(parent), m_store(store) {}

LiveIngest::~LiveIngest() { stop(); }

void LiveIngest::stop() {
    if (!m_thread) return;
    m_cancel->store(true);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void LiveIngest::appendBatch(const std::shared_ptr<EntryBatch>& batch) {
    const EntryIndex first = m_store.append(*batch);
    if (!batch->newInstances.empty() || batch->size() == 0) Q_EMIT sourcesChanged();
    if (batch->size() > 0) Q_EMIT entriesAppended(first.value, m_store.endIndex().value);
}

void LiveIngest::addProblem(const IngestError& error) {
    m_problems.push_back(error);
    Q_EMIT problemsChanged();
}

void LiveIngest::open(const QStringList& roots) {
    stop();
    m_roots = roots;
    m_scanDone = false;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancel = m_cancel;
    QPointer<LiveIngest> self(this);
    m_thread = QThread::create([this, self, roots, cancel] {
        Scanner scanner(m_store.sources());
        ScanSink sink;
        sink.batch = [this, self](EntryBatch&& b) {
            auto batch = std::make_shared<EntryBatch>(std::move(b));
            QMetaObject::invokeMethod(this, [self, batch] { if (self) self->appendBatch(batch); }, Qt::QueuedConnection);
        };
        sink.fileRead = [this, self](FileId file, std::shared_ptr<const ByteSource> bytes, const QString& error) {
            QMetaObject::invokeMethod(this, [self, file, bytes, error] {
                if (!self) return;
                recordFileRead(self->m_store, file, bytes, error);
                if (!error.isEmpty()) self->addProblem({self->m_store.sources()[file].absolutePath, error});
                Q_EMIT self->sourcesChanged();
            }, Qt::QueuedConnection);
        };
        ScanOptions options;
        options.cancel = cancel.get();
        ScanOutcome outcome = scanner.scan(roots, options, sink);
        if (cancel->load()) return;
        const std::vector<IngestError> discoveryErrors(outcome.errors.begin(), outcome.errors.end());
        const double seconds = outcome.seconds;
        const quint64 bytes = outcome.bytes;
        QMetaObject::invokeMethod(this, [self, discoveryErrors, seconds, bytes] {
            if (!self) return;
            for (const IngestError& e : discoveryErrors) {
                bool known = false;
                for (const IngestError& p : self->m_problems) known = known || (p.path == e.path && p.message == e.message);
                if (!known) self->addProblem(e);
            }
            self->m_scanDone = true;
            Q_EMIT self->initialScanFinished(seconds, bytes);
        }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("vigil-ingest"));
    m_thread->start();
}

} // namespace vigil
