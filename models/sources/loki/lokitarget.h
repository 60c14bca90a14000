#pragma once
// What one Loki root names: the server, the stream selector, how to find each stream's
// instance, and the credentials to send. A root reads
//   loki://logs.example:3100/?selector={job="api"}&instance_label=pod&org_id=acme
// (lokis:// for TLS). Credentials never travel in the root, which is saved among the recent
// sources: they come from VIGIL_LOKI_TOKEN (bearer), VIGIL_LOKI_USER and VIGIL_LOKI_PASSWORD
// (basic), or from whoever builds the target in the window.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace vigil {

struct LokiCredentials {
    QString bearerToken;
    QString user, password;
    bool empty() const { return bearerToken.isEmpty() && user.isEmpty(); }
};

struct LokiTarget {
    QUrl base; // http(s)://host:port[/prefix]
    QString selector = QStringLiteral("{job=~\".+\"}");
    QString instanceLabel;   // empty: the first of kInstanceLabels a stream has
    QString orgId;           // X-Scope-OrgID, empty for none
    qint64 sinceSeconds = 0; // history read when the ingest sets no window (0: an hour)
    LokiCredentials credentials;

    static const QStringList& instanceLabels(); // instance, service_instance_id, pod, host

    // Understands loki:// and lokis:// roots; false with `error` set otherwise.
    static bool parse(const QString& root, LokiTarget* out, QString* error);
    // The root for this target (no credentials), as saved and shown.
    QString root() const;
    // "loki://host:port", for the sources' root column.
    QString displayName() const;
    // Reads VIGIL_LOKI_TOKEN / VIGIL_LOKI_USER / VIGIL_LOKI_PASSWORD.
    void takeCredentialsFromEnvironment();
    // The Authorization header's value, empty without credentials.
    QByteArray authorization() const;
};

} // namespace vigil
