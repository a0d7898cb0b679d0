<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>Unsaved</name>
    <message>
        <source>Save the unsaved changes?</source>
        <translation>Lưu các thay đổi chưa lưu?</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved yet. Save them?</source>
        <translation>%1 có thay đổi chưa lưu. Lưu các thay đổi này?</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Don&apos;t save</source>
        <translation>Không lưu</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <source>Assign the case</source>
        <translation>Giao công chức xử lý</translation>
    </message>
    <message>
        <source>Assign PAKN %1 to %2 for handling?</source>
        <translation>Giao PAKN %1 cho công chức %2 trực tiếp xử lý?</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Giao xử lý</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <source>Only %1 may issue this letter; your account may not.</source>
        <translation>Chỉ %1 được ban hành văn bản này; tài khoản của bạn không có quyền này.</translation>
    </message>
    <message>
        <source>Issue the letter</source>
        <translation>Ban hành văn bản</translation>
    </message>
    <message>
        <source>Issue «%1» for PAKN %2 with the next number of the register? An issued letter cannot be withdrawn; it can only be replaced by a new letter with a new number.</source>
        <translation>Ban hành «%1» của PAKN %2 và cấp số tiếp theo trong Sổ đăng ký văn bản đi? Văn bản đã ban hành không thể thu hồi; chỉ có thể thay thế bằng một văn bản mới có số mới.</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Ban hành</translation>
    </message>
</context>
<context>
    <name>AccountsView</name>
    <message>
        <source>The accounts window</source>
        <translation>Cửa sổ Tài khoản</translation>
    </message>
    <message>
        <source>The account «%1»</source>
        <translation>Tài khoản «%1»</translation>
    </message>
    <message>
        <source>The new account</source>
        <translation>Tài khoản mới</translation>
    </message>
    <message>
        <source>Deactivate the account</source>
        <translation>Vô hiệu hóa tài khoản</translation>
    </message>
    <message>
        <source>Deactivate the account «%1» (%2)? This person can no longer log in until an administrator activates the account again.</source>
        <translation>Vô hiệu hóa tài khoản «%1» (%2)? Người này sẽ không đăng nhập được cho đến khi quản trị hệ thống kích hoạt lại tài khoản.</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>The template «%1»</source>
        <translation>Mẫu «%1»</translation>
    </message>
</context>
</TS>
