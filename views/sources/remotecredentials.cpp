#include "remotecredentials.h"

#include "models/sources/loki/lokiproducer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

#ifdef VIGIL_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

#include <memory>
#include <utility>

namespace vigil {

namespace {
const QString kService = QStringLiteral("Vigil remote sources");

QByteArray encode(const LokiCredentials& c) {
    return QJsonDocument(QJsonObject{{QStringLiteral("token"), c.bearerToken},
                                     {QStringLiteral("user"), c.user},
                                     {QStringLiteral("password"), c.password}})
        .toJson(QJsonDocument::Compact);
}

LokiCredentials decode(const QByteArray& data) {
    const QJsonObject o = QJsonDocument::fromJson(data).object();
    LokiCredentials c;
    c.bearerToken = o.value(QStringLiteral("token")).toString();
    c.user = o.value(QStringLiteral("user")).toString();
    c.password = o.value(QStringLiteral("password")).toString();
    return c;
}
} // namespace

bool RemoteCredentials::secretStoreAvailable() {
#ifdef VIGIL_HAVE_KEYCHAIN
    // Without a running secret service a job fails, and the credentials stay in memory only.
    return true;
#else
    return false;
#endif
}

void RemoteCredentials::remember(const QString& root, const LokiCredentials& credentials, bool keep) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_byRoot[root] = credentials;
    }
#ifdef VIGIL_HAVE_KEYCHAIN
    if (!secretStoreAvailable()) return;
    if (keep && !credentials.empty()) {
        auto* job = new QKeychain::WritePasswordJob(kService, this);
        job->setKey(root);
        job->setBinaryData(encode(credentials));
        job->start(); // deletes itself when done
    } else {
        auto* job = new QKeychain::DeletePasswordJob(kService, this);
        job->setKey(root);
        job->start();
    }
#else
    Q_UNUSED(keep)
#endif
}

LokiCredentials RemoteCredentials::lookup(const QString& root) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_byRoot.find(root);
    return it == m_byRoot.end() ? LokiCredentials() : it->second;
}

void RemoteCredentials::prepare(const QStringList& roots, std::function<void()> then) {
    QStringList missing;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (const QString& root : roots)
            if (isProducerRoot(root) && !m_byRoot.count(root)) missing << root;
    }
#ifdef VIGIL_HAVE_KEYCHAIN
    if (!missing.isEmpty() && secretStoreAvailable()) {
        auto pending = std::make_shared<int>(int(missing.size()));
        // A keyring that does not answer (no session bus, a locked wallet) holds nothing up for long.
        auto once = std::make_shared<std::function<void()>>(std::move(then));
        auto fire = [once] {
            if (*once) std::exchange(*once, nullptr)();
        };
        QTimer::singleShot(3000, this, fire);
        then = fire;
        for (const QString& root : missing) {
            auto* job = new QKeychain::ReadPasswordJob(kService, this);
            job->setKey(root);
            connect(job, &QKeychain::Job::finished, this, [this, root, pending, then, job] {
                if (job->error() == QKeychain::NoError) {
                    std::lock_guard<std::mutex> lock(m_mutex);
                    m_byRoot[root] = decode(job->binaryData());
                }
                if (--*pending == 0) then();
            });
            job->start();
        }
        return;
    }
#endif
    Q_UNUSED(missing)
    then();
}

ProducerFactory RemoteCredentials::factory() {
    // Called on the ingest thread, which this object outlives (the window owns both).
    return lokiProducerFactory([this](const QString& root) { return lookup(root); });
}

} // namespace vigil
