<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AccountsView</name>
    <message>
        <source>Accounts</source>
        <translation>Tài khoản</translation>
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
        <source>Roles</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>At least 10 characters</source>
        <translation>Ít nhất 10 ký tự</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Tài khoản mới</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Vô hiệu hóa</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Kích hoạt lại</translation>
    </message>
    <message>
        <source>Set the password</source>
        <translation>Đặt mật khẩu</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Đã vô hiệu hóa</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>Bị khóa đến %1</translation>
    </message>
    <message>
        <source>No password yet</source>
        <translation>Chưa có mật khẩu</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <source>The password was set; the account is unlocked.</source>
        <translation>Đã đặt mật khẩu; tài khoản đã được mở khóa.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>Lock the screen after</source>
        <translation>Tự khóa màn hình sau</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Audit log</source>
        <translation>Nhật ký thay đổi</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>PAKN code</source>
        <translation>Mã PAKN</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Mọi loại</translation>
    </message>
    <message>
        <source>Case history</source>
        <translation>Lịch sử hồ sơ</translation>
    </message>
    <message>
        <source>Office settings</source>
        <translation>Thông tin cơ quan</translation>
    </message>
    <message>
        <source>Accounts and log-ins</source>
        <translation>Tài khoản và đăng nhập</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Lịch làm việc</translation>
    </message>
    <message>
        <source>Letter templates</source>
        <translation>Mẫu văn bản</translation>
    </message>
    <message>
        <source>Backups and restores</source>
        <translation>Sao lưu, khôi phục</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Trong khoảng</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Xem</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Xuất tệp…</translation>
    </message>
    <message>
        <source>Check the chain</source>
        <translation>Kiểm tra chuỗi băm</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Trước</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Sau</translation>
    </message>
    <message>
        <source>%1 records.</source>
        <translation>%1 bản ghi.</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Xuất nhật ký thay đổi</translation>
    </message>
    <message>
        <source>%1 records written to %2.</source>
        <translation>Đã ghi %1 bản ghi vào %2.</translation>
    </message>
    <message>
        <source>Checking the chain…</source>
        <translation>Đang kiểm tra chuỗi băm…</translation>
    </message>
    <message>
        <source>The chain is intact: %1 records, %2 case history rows.</source>
        <translation>Chuỗi băm toàn vẹn: %1 bản ghi, %2 dòng lịch sử hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/audit_view.py" line="240" />
        <source>Anchor kept by this computer: %1.</source>
        <translation>Mốc máy này lưu giữ: %1.</translation>
    </message>
</context>
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
        <translation>Tài &amp;khoản</translation>
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
    <message>
        <source>Audit log</source>
        <translation>Nhật ký thay đổi</translation>
    </message>
    <message>
        <source>The audit log does not match its hash chain: %1</source>
        <translation>Nhật ký thay đổi không khớp chuỗi băm: %1. Vui lòng báo quản trị hệ thống.</translation>
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
