#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace berth {

class LimitWorker;
class RegistryHost;

/// Repository > "Tag immutability…": turns a repository's tag immutability on or off and edits its
/// exclusion patterns (regular expressions, one per line, matched against the whole tag). Loads and
/// saves off the GUI thread; a bad pattern is shown with what is wrong and nothing is saved. Saving is
/// audited (console.setTagImmutability).
class ImmutabilityDialog : public QDialog
{
    Q_OBJECT
public:
    ImmutabilityDialog(RegistryHost& host, const QString& repository, QWidget* parent = nullptr);

    QCheckBox* enabledBox() const { return m_enabled; }
    QPlainTextEdit* exclusionsEdit() const { return m_exclusions; }
    QString message() const;
    LimitWorker& worker() const { return *m_worker; }

public slots:
    void accept() override;

private:
    void load();

    RegistryHost& m_host;
    QString m_repository;
    LimitWorker* m_worker = nullptr;
    QCheckBox* m_enabled = nullptr;
    QPlainTextEdit* m_exclusions = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace berth
