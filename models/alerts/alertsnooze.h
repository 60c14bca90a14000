#pragma once
// Snoozes by wall-clock time: all notifications, or those of one rule on one instance,
// until a moment. Snoozing mutes notifications and actions; the alerts still show in the
// list and in the tray icon's state, so nothing is hidden.

#include "alert.h"

#include <QHash>

namespace vigil {

class AlertSnooze {
  public:
    void snoozeAll(qint64 untilMs) { m_allUntilMs = untilMs; }
    void snooze(const Alert& alert, qint64 untilMs) { m_until.insert(key(alert), untilMs); }
    void clear() {
        m_allUntilMs = 0;
        m_until.clear();
    }
    bool isSnoozed(const Alert& alert, qint64 nowMs) const {
        return nowMs < m_allUntilMs || nowMs < m_until.value(key(alert), 0);
    }
    qint64 allUntilMs() const { return m_allUntilMs; }

  private:
    static QString key(const Alert& a) { return a.ruleId + QLatin1Char('\n') + a.instance; }
    qint64 m_allUntilMs = 0;
    QHash<QString, qint64> m_until;
};

} // namespace vigil
