#include "lokitarget.h"

#include <QUrlQuery>

namespace vigil {

const QStringList& LokiTarget::instanceLabels() {
    static const QStringList labels{QStringLiteral("instance"), QStringLiteral("service_instance_id"),
                                    QStringLiteral("pod"), QStringLiteral("host")};
    return labels;
}

bool LokiTarget::parse(const QString& root, LokiTarget* out, QString* error) {
    const QUrl url(root, QUrl::TolerantMode); // a selector typed as is, braces and quotes unencoded
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("loki") && scheme != QLatin1String("lokis")) ||
        url.host().isEmpty()) {
        if (error) *error = QStringLiteral("not a Loki URL (loki://HOST:PORT or lokis://HOST:PORT)");
        return false;
    }
    if (!url.userInfo().isEmpty()) {
        if (error)
            *error = QStringLiteral(
                "credentials do not belong in the URL: use VIGIL_LOKI_TOKEN or VIGIL_LOKI_USER");
        return false;
    }
    LokiTarget t;
    t.base.setScheme(scheme == QLatin1String("lokis") ? QStringLiteral("https") : QStringLiteral("http"));
    t.base.setHost(url.host());
    t.base.setPort(url.port(scheme == QLatin1String("lokis") ? 443 : 3100));
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    t.base.setPath(path);
    const QUrlQuery query(url);
    const QString selector = query.queryItemValue(QStringLiteral("selector"), QUrl::FullyDecoded);
    if (!selector.isEmpty()) t.selector = selector;
    t.instanceLabel = query.queryItemValue(QStringLiteral("instance_label"), QUrl::FullyDecoded);
    t.orgId = query.queryItemValue(QStringLiteral("org_id"), QUrl::FullyDecoded);
    t.sinceSeconds = query.queryItemValue(QStringLiteral("since")).toLongLong();
    *out = t;
    return true;
}

QString LokiTarget::displayName() const {
    return (base.scheme() == QLatin1String("https") ? QStringLiteral("lokis://")
                                                    : QStringLiteral("loki://")) +
           base.host() + QLatin1Char(':') + QString::number(base.port()) + base.path();
}

QString LokiTarget::root() const {
    QString query = QStringLiteral("selector=") + QString::fromLatin1(QUrl::toPercentEncoding(selector));
    if (!instanceLabel.isEmpty())
        query +=
            QStringLiteral("&instance_label=") + QString::fromLatin1(QUrl::toPercentEncoding(instanceLabel));
    if (!orgId.isEmpty())
        query += QStringLiteral("&org_id=") + QString::fromLatin1(QUrl::toPercentEncoding(orgId));
    if (sinceSeconds > 0) query += QStringLiteral("&since=") + QString::number(sinceSeconds);
    return displayName() + QStringLiteral("/?") + query;
}

void LokiTarget::takeCredentialsFromEnvironment() {
    const QString token = qEnvironmentVariable("VIGIL_LOKI_TOKEN");
    const QString user = qEnvironmentVariable("VIGIL_LOKI_USER");
    if (!token.isEmpty()) credentials.bearerToken = token;
    if (!user.isEmpty()) {
        credentials.user = user;
        credentials.password = qEnvironmentVariable("VIGIL_LOKI_PASSWORD");
    }
}

QByteArray LokiTarget::authorization() const {
    if (!credentials.bearerToken.isEmpty()) return "Bearer " + credentials.bearerToken.toUtf8();
    if (!credentials.user.isEmpty())
        return "Basic " + (credentials.user + QLatin1Char(':') + credentials.password).toUtf8().toBase64();
    return {};
}

} // namespace vigil
