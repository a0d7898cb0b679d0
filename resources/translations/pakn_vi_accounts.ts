<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Đổi mật khẩu của tôi</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Mật khẩu hiện tại</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Nhập lại mật khẩu mới</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>PAKN Desktop — first administrator</source>
        <translation>PAKN Desktop — quản trị hệ thống đầu tiên</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Tạo tài khoản</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>FirstAdminForm</name>
    <message>
        <source>The administrator creates the accounts of the office. Choose a password of at least 10 characters and keep it safe.</source>
        <translation>Quản trị hệ thống tạo tài khoản cho cán bộ của cơ quan. Hãy chọn mật khẩu có ít nhất 10 ký tự và giữ kín.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Administrator</source>
        <translation>Quản trị hệ thống</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>PAKN Desktop — log in</source>
        <translation>PAKN Desktop — đăng nhập</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Thoát</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Tài khoản</translation>
    </message>
    <message>
        <source>Lock the screen</source>
        <translation>Khóa màn hình</translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>Đổi người dùng…</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>Đổi mật khẩu…</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>Đổi mật khẩu của tôi</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Đã đổi mật khẩu.</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>Quản lý tài khoản…</translation>
    </message>
    <message>
        <source>Audit log…</source>
        <translation>Nhật ký thay đổi…</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>PAKN Desktop — locked</source>
        <translation>PAKN Desktop — đã khóa màn hình</translation>
    </message>
    <message>
        <source>The screen was locked. Type the password of %1 to go on.</source>
        <translation>Màn hình đã được khóa. Nhập mật khẩu của %1 để tiếp tục.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>Đổi người dùng</translation>
    </message>
</context>
</TS>
