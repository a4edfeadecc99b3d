#pragma once

#include <QDockWidget>

class QPushButton;
class QTableView;

namespace berth {

class JobRunner;
class JobsModel;

/// The jobs dock: every import and export with its state and progress (a bar), a Cancel button for
/// the selected running job and Clear finished.
class JobsPanel : public QDockWidget
{
    Q_OBJECT
public:
    JobsPanel(JobRunner& runner, QWidget* parent = nullptr);

    JobsModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QPushButton* cancelButton() const { return m_cancel; }

    /// Cancels the job selected in the table.
    void cancelSelected();

private:
    void updateButtons();

    JobRunner& m_runner;
    JobsModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_clear = nullptr;
};

} // namespace berth
