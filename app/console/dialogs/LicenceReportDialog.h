#pragma once

#include "data/LicenceBrowser.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace berth {

class RegistryHost;

/// Server > "Licence acceptances…": who accepted which version of which licence, when and how (portal,
/// API, CLI, console), newest first, filtered by licence, user and whether the version accepted is
/// still the one in force; Export CSV… writes what is shown. Reads run on LicenceBrowser's thread.
class LicenceReportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LicenceReportDialog(RegistryHost& host, QWidget* parent = nullptr);

    enum Column
    {
        LicenceColumn,
        ScopeColumn,
        VersionColumn,
        UserColumn,
        AcceptedColumn,
        ChannelColumn,
        AddressColumn,
        CurrentColumn,
        ColumnCount
    };

    QComboBox* licenceBox() const { return m_licence; }
    QLineEdit* userEdit() const { return m_user; }
    QCheckBox* currentOnlyBox() const { return m_currentOnly; }
    QTreeWidget* table() const { return m_table; }
    QString message() const;
    LicenceBrowser& browser() const { return *m_browser; }
    /// Writes the rows shown as CSV (a header line, then one line per acceptance, times in ISO 8601
    /// UTC). False with `error` set when the file cannot be written.
    bool exportCsv(const QString& path, QString* error) const;

public slots:
    /// Reads the acceptances again with the filters as they are.
    void refresh();

private:
    void loadLicences();
    void showRows(const QList<LicenceAcceptance>& acceptances);
    void chooseCsvFile();

    LicenceBrowser* m_browser = nullptr;
    QList<LicenceAcceptance> m_rows;
    QComboBox* m_licence = nullptr;
    QLineEdit* m_user = nullptr;
    QCheckBox* m_currentOnly = nullptr;
    QTreeWidget* m_table = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace berth
