#pragma once
// File › Open Loki…: the server, the streams (a LogQL selector), how much history, the
// label naming an instance, and the credentials and tenant to send. Gives a root such as
// loki://logs:3100/?selector=%7Bjob%3D%22api%22%7D&since=21600 and, apart, the credentials,
// which never go into the root (it is saved among the recent sources).

#include "models/sources/loki/lokitarget.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace vigil {

class LokiOpenDialog : public QDialog {
    Q_OBJECT
  public:
    explicit LokiOpenDialog(QWidget* parent = nullptr);

    // The target entered (valid once accepted).
    LokiTarget target() const;
    bool keepCredentials() const;
    // Fills the fields from a target (a recent source's root).
    void setTarget(const LokiTarget& target);

  private:
    void validate();

    QLineEdit *m_url, *m_selector, *m_instanceLabel, *m_tenant, *m_token, *m_user, *m_password;
    QComboBox *m_range, *m_auth;
    QCheckBox* m_keep;
    QLabel* m_error;
};

} // namespace vigil
