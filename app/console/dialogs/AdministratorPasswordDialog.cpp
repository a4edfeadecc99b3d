#include "dialogs/AdministratorPasswordDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth {

AdministratorPasswordDialog::AdministratorPasswordDialog(const QString& userName, const QString& password,
                                                         QWidget* parent)
    : QDialog(parent), m_userName(userName), m_password(password)
{
    setWindowTitle(tr("Administrator created"));
    auto* intro = new QLabel(tr("The registry was set up and its administrator created. Sign in with docker, "
                                "podman, skopeo or helm as this user. The password is shown only now: copy "
                                "it and keep it somewhere safe."),
                             this);
    intro->setWordWrap(true);

    auto* user = new QLineEdit(userName, this);
    user->setReadOnly(true);
    auto* secret = new QLineEdit(password, this);
    secret->setReadOnly(true);
    secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copy = new QPushButton(tr("Copy password"), this);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_password);
        m_copy->setText(tr("Copied"));
    });
    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(secret, 1);
    passwordRow->addWidget(m_copy);

    auto* form = new QFormLayout;
    form->addRow(tr("User name:"), user);
    form->addRow(tr("Password:"), passwordRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

} // namespace berth
