<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>MainWindow</name>
    <message>
        <source>Restored. The previous database was kept at %1.

It holds %2 cases and %3 letters the backup does not have (done after the backup was taken). Bring them back into the register, with their history, letters and attachments?</source>
        <translation>Đã khôi phục. Dữ liệu trước khi khôi phục được giữ tại %1.

Bản giữ lại có %2 hồ sơ và %3 văn bản mà bản sao lưu không có (làm sau thời điểm sao lưu). Đưa chúng trở lại sổ, cùng lịch sử xử lý, văn bản và tệp đính kèm?</translation>
    </message>
    <message>
        <source>Later: pakn bring-back %1</source>
        <translation>Để sau: pakn bring-back %1</translation>
    </message>
    <message>
        <source>Bring them back</source>
        <translation>Đưa trở lại</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>Brought back</source>
        <translation>Đã đưa trở lại</translation>
    </message>
    <message>
        <source>Brought back %1 cases and %2 letters: %3</source>
        <translation>Đã đưa trở lại %1 hồ sơ và %2 văn bản: %3</translation>
    </message>
    <message>
        <source>Bringing the cases back…</source>
        <translation>Đang đưa hồ sơ trở lại…</translation>
    </message>
    <message>
        <source>Cannot bring the cases back</source>
        <translation>Không đưa được hồ sơ trở lại</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Cơ quan</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Thời điểm sao lưu</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Số hồ sơ</translation>
    </message>
    <message>
        <source>Newest code</source>
        <translation>Mã mới nhất</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Reading the backups…</source>
        <translation>Đang đọc các bản sao lưu…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Khôi phục…</translation>
    </message>
    <message>
        <source>Another file…</source>
        <translation>Tệp khác…</translation>
    </message>
    <message>
        <source>Backups in %1:</source>
        <translation>Các bản sao lưu trong %1:</translation>
    </message>
    <message>
        <source>Cannot read the backups</source>
        <translation>Không đọc được các bản sao lưu</translation>
    </message>
    <message>
        <source>(not a register: %1)</source>
        <translation>(không phải sổ PAKN: %1)</translation>
    </message>
    <message>
        <source>(no office name)</source>
        <translation>(chưa có tên cơ quan)</translation>
    </message>
    <message>
        <source>this database</source>
        <translation>cơ sở dữ liệu này</translation>
    </message>
    <message>
        <source>another</source>
        <translation>cơ sở dữ liệu khác</translation>
    </message>
    <message>
        <source>%1 backups.</source>
        <translation>%1 bản sao lưu.</translation>
    </message>
    <message>
        <source>No backup in this folder.</source>
        <translation>Thư mục này không có bản sao lưu nào.</translation>
    </message>
</context>
</TS>
