#pragma once
// The credentials of the remote sources opened in the window (a Loki bearer token, a user
// and password), by root. Never written to the settings: held in memory for the session
// and, when Vigil is built with Qt Keychain, kept in the desktop's secret store (the
// Secret Service or KWallet) so a recent source reopens without asking again. The ingest
// thread looks them up, hence the lock.

#include "models/ingest/entryproducer.h"
#include "models/sources/loki/lokitarget.h"

#include <QObject>

#include <functional>
#include <map>
#include <mutex>

namespace vigil {

class RemoteCredentials : public QObject {
    Q_OBJECT
  public:
    using QObject::QObject;

    static bool secretStoreAvailable();

    // Holds the credentials for `root` for this session, and in the secret store if `keep`.
    void remember(const QString& root, const LokiCredentials& credentials, bool keep);
    LokiCredentials lookup(const QString& root) const;
    // Reads from the secret store what this session does not hold for the remote roots, then
    // calls `then` (at once when there is nothing to read; also when the store fails).
    void prepare(const QStringList& roots, std::function<void()> then);
    // The producers for remote roots, with these credentials.
    ProducerFactory factory();

  private:
    mutable std::mutex m_mutex;
    std::map<QString, LokiCredentials> m_byRoot;
};

} // namespace vigil
