#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace berth {

/// Shown once, on the registry's first start: the administrator's user name and generated password,
/// with a button that copies the password. The password is stored only as a hash, so this is the only
/// chance to keep it.
class AdministratorPasswordDialog : public QDialog
{
    Q_OBJECT
public:
    AdministratorPasswordDialog(const QString& userName, const QString& password, QWidget* parent = nullptr);

    QString userName() const { return m_userName; }
    QString password() const { return m_password; }
    QPushButton* copyButton() const { return m_copy; }

private:
    QString m_userName;
    QString m_password;
    QPushButton* m_copy = nullptr;
};

} // namespace berth
