#pragma once
// Reads the roots off the GUI thread and appends what it reads to the store on the
// store's thread, in batches, announcing each append. The one entry point the UI uses
// for ingest, whatever the source.

#include "discovery.h"

#include "../store/entrystore.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;

namespace vigil {

class LiveIngest : public QObject {
    Q_OBJECT
public:
    explicit LiveIngest(EntryStore& store, QObject* parent = nullptr);
    ~LiveIngest() override;

    // Starts reading the roots (previous reading stops first). Returns at once.
    void open(const QStringList& roots);
    void stop();

    QStringList roots() const { return m_roots; }
    bool initialScanDone() const { return m_scanDone; }
    const std::vector<IngestError>& problems() const { return m_problems; }
    EntryStore& store() { return m_store; }

Q_SIGNALS:
    // Entries [first, end) were appended to the store.
    void entriesAppended(quint64 first, quint64 end);
    // Sources were added or their counters changed.
    void sourcesChanged();
    void problemsChanged();
    void initialScanFinished(double seconds, quint64 bytes);

private:
    void appendBatch(const std::shared_ptr<EntryBatch>& batch);
    void addProblem(const IngestError& error);

    EntryStore& m_store;
    QStringList m_roots;
    QThread* m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_scanDone = false;
    std::vector<IngestError> m_problems;
};

} // namespace vigil
