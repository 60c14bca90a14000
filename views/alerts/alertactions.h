#pragma once
// The actions beyond the tray, each off until enabled in the rules file: a JSON POST to
// a webhook (Slack's incoming-webhook shape) and a command, both with a timeout. Every
// outcome is reported, failures with the reason, so the window can show them.

#include "models/alerts/alert.h"
#include "models/alerts/alertactionsettings.h"
#include "models/alerts/alertjson.h"

#include <QObject>

class QNetworkAccessManager;

namespace vigil {

class AlertActions : public QObject {
    Q_OBJECT
  public:
    explicit AlertActions(QObject* parent = nullptr);

    void setSettings(const AlertActionSettings& settings) { m_settings = settings; }
    const AlertActionSettings& settings() const { return m_settings; }

    // Runs the enabled actions whose minimum severity the alert reaches.
    void run(const Alert& alert, AlertEvent event);
    void postWebhook(const Alert& alert, AlertEvent event);
    void runCommand(const Alert& alert, AlertEvent event);

    // The command's arguments with {severity} {rule} {instance} {value} {message} filled in
    // once each: masked, on one line, never an option; a placeholder that is a whole
    // argument gets the value as it is, one inside a longer argument its inert form.
    static QStringList expandArguments(const QStringList& arguments, const Alert& alert, AlertEvent event);

  Q_SIGNALS:
    void succeeded(const QString& message);
    void failed(const QString& message);

  private:
    AlertActionSettings m_settings;
    QNetworkAccessManager* m_network;
};

} // namespace vigil
