<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>UnlockDialog</name>
    <message>
        <source>%1 has changes that are not saved: %2. Switching user from the locked screen drops them (nobody else may save them in %1's name). To keep them, %1 types the password, unlocks and saves.</source>
        <translation>%1 còn thay đổi chưa lưu: %2. Đổi người dùng từ màn hình khóa sẽ bỏ các thay đổi này (người khác không được lưu thay %1). Muốn giữ lại, %1 nhập mật khẩu, mở khóa rồi lưu.</translation>
    </message>
    <message>
        <source>Drop the changes and switch user</source>
        <translation>Bỏ các thay đổi và đổi người dùng</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
</context>
</TS>
