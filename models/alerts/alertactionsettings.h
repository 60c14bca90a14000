#pragma once
// The actions beyond the tray, off by default: a webhook POST and a command, each with a
// timeout. Plain settings, read from and written to the rules file; the senders live
// outside models/ (they need QtNetwork and QProcess policy of the application).

#include "alertrule.h"

#include <QString>
#include <QStringList>

namespace vigil {

struct WebhookSettings {
    bool enabled = false;
    QString url;
    int timeoutMs = 5000;
    Severity minSeverity = Severity::Warning;
};

struct CommandSettings {
    bool enabled = false;
    QString program;
    QStringList arguments; // {severity} {rule} {instance} {value} {message} are replaced
    int timeoutMs = 10000;
    Severity minSeverity = Severity::Warning;
};

struct AlertActionSettings {
    WebhookSettings webhook;
    CommandSettings command;
};

} // namespace vigil
