#pragma once

#include "data/LicenceBrowser.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QTreeWidget;

namespace berth {

class RegistryHost;

/// Repository > "Licence…" and Compartment > "Licence…": the licence a repository (or everything in a
/// compartment) needs accepted before it can be pulled. Administrators publish it (title, version,
/// plain text or Markdown, with a live preview), publish new versions (everybody accepts again), remove
/// it, and see its version history; selecting an older version loads it into the form. Without a
/// licence of its own the dialog says which licence gates the scope from above, if any. Every read and
/// change runs on LicenceBrowser's thread; changes are audited.
class LicenceEditorDialog : public QDialog
{
    Q_OBJECT
public:
    LicenceEditorDialog(RegistryHost& host, const LicenceScope& scope, QWidget* parent = nullptr);

    QLineEdit* titleEdit() const { return m_title; }
    QLineEdit* versionEdit() const { return m_version; }
    QComboBox* formatBox() const { return m_format; }
    QPlainTextEdit* textEdit() const { return m_text; }
    QTextBrowser* preview() const { return m_preview; }
    QTreeWidget* history() const { return m_history; }
    QPushButton* publishButton() const { return m_publish; }
    QPushButton* removeButton() const { return m_remove; }
    /// What the scope has now (own licence, inherited one, or none).
    QString status() const;
    /// The outcome of the last publish or remove, or what is wrong with the form.
    QString message() const;
    LicenceBrowser& browser() const { return *m_browser; }
    /// A licence was published or removed while the dialog was open.
    bool changed() const { return m_changed; }

public slots:
    /// Publishes the form as the version in force.
    void publishLicence();
    /// Removes the scope's own licence (no question asked; the Remove button asks first).
    void removeLicence();

private:
    void load();
    void showState(const LicenceBrowser::ScopeState& state);
    void fillForm(const LicenceVersion& version);
    void updatePreview();
    void confirmRemove();
    void setBusy(bool busy);

    RegistryHost& m_host;
    LicenceScope m_scope;
    LicenceBrowser* m_browser = nullptr;
    LicenceBrowser::ScopeState m_state;
    bool m_changed = false;
    QLabel* m_status = nullptr;
    QLineEdit* m_title = nullptr;
    QLineEdit* m_version = nullptr;
    QComboBox* m_format = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QTextBrowser* m_preview = nullptr;
    QTreeWidget* m_history = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_publish = nullptr;
    QPushButton* m_remove = nullptr;
};

} // namespace berth
