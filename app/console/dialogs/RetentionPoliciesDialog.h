#pragma once

#include "data/RetentionBrowser.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace berth {

/// "Retention policies…" of a repository or a compartment: the policies that apply to it (its own and
/// those inherited from the compartments above), with Add, Edit, Delete and Preview (the dry run, from
/// which the policy can be applied). Everything that reads or writes the database goes through
/// RetentionBrowser, off the GUI thread.
class RetentionPoliciesDialog : public QDialog
{
    Q_OBJECT
public:
    RetentionPoliciesDialog(RetentionBrowser& browser, const RetentionTarget& target,
                            QWidget* parent = nullptr);

    QTreeWidget* list() const { return m_list; }
    /// The names shown, in order (tests).
    QStringList policyNames() const;
    bool isIdle() const { return m_pending == 0; }
    /// Stores the policy as the editor would on OK (tests drive the editor's result through this).
    void savePolicy(const QString& previousName, const RetentionPolicy& policy);
    QString lastError() const { return m_lastError; }

signals:
    /// The list shows fresh contents (after a load, save or delete).
    void listShown();
    /// A policy was applied from its preview: the job's id.
    void applied(quint64 jobId);

private:
    void reload();
    void onAdd();
    void onEdit();
    void onDelete();
    void onPreview();
    void updateButtons();
    const RetentionPolicy* selected() const;

    RetentionBrowser& m_browser;
    RetentionTarget m_target;
    QList<RetentionPolicy> m_policies;
    QTreeWidget* m_list = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_preview = nullptr;
    quint64 m_pending = 0;
    QString m_lastError;
};

} // namespace berth
