#include "lokiopendialog.h"

#include "remotecredentials.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace vigil {

LokiOpenDialog::LokiOpenDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Open Loki"));
    auto* form = new QFormLayout;
    m_url = new QLineEdit(QStringLiteral("loki://localhost:3100"));
    m_url->setObjectName(QStringLiteral("lokiUrl"));
    m_url->setToolTip(tr("loki://HOST:PORT, or lokis://HOST:PORT for TLS"));
    form->addRow(tr("&URL:"), m_url);
    m_selector = new QLineEdit(QStringLiteral("{job=~\".+\"}"));
    m_selector->setObjectName(QStringLiteral("lokiSelector"));
    form->addRow(tr("&Streams:"), m_selector);
    m_range = new QComboBox;
    m_range->setObjectName(QStringLiteral("lokiRange"));
    const std::pair<const char*, qint64> ranges[] = {{"last 15 minutes", 900},
                                                     {"last hour", 3600},
                                                     {"last 6 hours", 21600},
                                                     {"last 24 hours", 86400},
                                                     {"last 7 days", 604800}};
    for (const auto& [text, seconds] : ranges)
        m_range->addItem(tr(text), seconds);
    m_range->setCurrentIndex(1);
    form->addRow(tr("&History:"), m_range);
    m_instanceLabel = new QLineEdit;
    m_instanceLabel->setPlaceholderText(LokiTarget::instanceLabels().join(QStringLiteral(", ")));
    form->addRow(tr("&Instance label:"), m_instanceLabel);
    m_auth = new QComboBox;
    m_auth->addItems({tr("None"), tr("Bearer token"), tr("User and password")});
    form->addRow(tr("&Authentication:"), m_auth);
    m_token = new QLineEdit;
    m_token->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Token:"), m_token);
    m_user = new QLineEdit;
    form->addRow(tr("U&ser:"), m_user);
    m_password = new QLineEdit;
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Password:"), m_password);
    m_tenant = new QLineEdit;
    m_tenant->setPlaceholderText(tr("X-Scope-OrgID, for a multi-tenant server"));
    form->addRow(tr("T&enant:"), m_tenant);
    m_keep = new QCheckBox(tr("Keep the credentials in the desktop's keyring"));
    m_keep->setEnabled(RemoteCredentials::secretStoreAvailable());
    if (!m_keep->isEnabled())
        m_keep->setToolTip(tr("No keyring: the credentials are kept until Vigil quits"));
    form->addRow(QString(), m_keep);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    auto update = [this, form, buttons] {
        const int auth = m_auth->currentIndex();
        form->setRowVisible(m_token, auth == 1);
        form->setRowVisible(m_user, auth == 2);
        form->setRowVisible(m_password, auth == 2);
        QString error;
        LokiTarget t;
        if (!LokiTarget::parse(m_url->text().trimmed(), &t, &error))
            m_error->setText(error);
        else if (!m_selector->text().trimmed().startsWith(QLatin1Char('{')))
            m_error->setText(tr("the streams are a LogQL selector such as {job=\"api\"}"));
        else
            m_error->clear();
        buttons->button(QDialogButtonBox::Open)->setEnabled(m_error->text().isEmpty());
    };
    for (QLineEdit* e : {m_url, m_selector})
        connect(e, &QLineEdit::textChanged, this, update);
    connect(m_auth, &QComboBox::currentIndexChanged, this, update);
    update();
}

LokiTarget LokiOpenDialog::target() const {
    LokiTarget t;
    LokiTarget::parse(m_url->text().trimmed(), &t, nullptr);
    t.selector = m_selector->text().trimmed();
    t.instanceLabel = m_instanceLabel->text().trimmed();
    t.orgId = m_tenant->text().trimmed();
    t.sinceSeconds = m_range->currentData().toLongLong();
    if (m_auth->currentIndex() == 1) t.credentials.bearerToken = m_token->text();
    if (m_auth->currentIndex() == 2) {
        t.credentials.user = m_user->text();
        t.credentials.password = m_password->text();
    }
    return t;
}

bool LokiOpenDialog::keepCredentials() const {
    return m_keep->isEnabled() && m_keep->isChecked();
}

void LokiOpenDialog::setTarget(const LokiTarget& t) {
    m_url->setText(t.displayName());
    m_selector->setText(t.selector);
    m_instanceLabel->setText(t.instanceLabel);
    m_tenant->setText(t.orgId);
    const int range = m_range->findData(t.sinceSeconds);
    if (range >= 0) m_range->setCurrentIndex(range);
}

} // namespace vigil
