<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>PublishDialog</name>
    <message>
        <source>Review the masking…</source>
        <translation>Xem lại phần che…</translation>
    </message>
    <message>
        <source>Select one PAKN to review.</source>
        <translation>Vui lòng chọn một PAKN để xem lại phần che.</translation>
    </message>
</context>
<context>
    <name>PublishReviewDialog</name>
    <message>
        <source>Review the masking before publishing — %1</source>
        <translation>Xem lại phần che trước khi công khai — %1</translation>
    </message>
    <message>
        <source>Mask the selected words</source>
        <translation>Che đoạn đã chọn</translation>
    </message>
    <message>
        <source>Restore the masked words at the cursor</source>
        <translation>Bỏ che đoạn tại con trỏ</translation>
    </message>
    <message>
        <source>Save the choice</source>
        <translation>Lưu lựa chọn</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>As written (masked parts highlighted)</source>
        <translation>Nguyên văn (phần bị che được tô màu)</translation>
    </message>
    <message>
        <source>As it will be published</source>
        <translation>Nội dung sẽ được công khai</translation>
    </message>
    <message>
        <source>Select words on the left and press “Mask the selected words”; put the cursor in a highlighted part and press “Restore” to publish it as written. The choice applies wherever the words appear in this PAKN and is recorded in its history.</source>
        <translation>Chọn chữ ở cột bên trái rồi bấm «Che đoạn đã chọn»; đặt con trỏ vào phần được tô màu rồi bấm «Bỏ che» để công khai nguyên văn. Lựa chọn áp dụng ở mọi chỗ cụm từ đó xuất hiện trong PAKN này và được ghi vào lịch sử xử lý.</translation>
    </message>
    <message>
        <source>Masked by hand: %1</source>
        <translation>Che thêm: %1</translation>
    </message>
    <message>
        <source>Restored: %1</source>
        <translation>Bỏ che: %1</translation>
    </message>
    <message>
        <source>No change to the automatic masking.</source>
        <translation>Giữ nguyên phần che tự động.</translation>
    </message>
    <message>
        <source>Select the words to mask in the left column first.</source>
        <translation>Vui lòng chọn đoạn chữ cần che ở cột bên trái trước.</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>Chưa lưu.</translation>
    </message>
    <message>
        <source>Put the cursor in a highlighted part of the left column first.</source>
        <translation>Vui lòng đặt con trỏ vào phần được tô màu ở cột bên trái trước.</translation>
    </message>
    <message>
        <source>Saved and recorded in the history: the next export applies it.</source>
        <translation>Đã lưu và ghi vào lịch sử xử lý: lần xuất trang công khai sau sẽ áp dụng.</translation>
    </message>
</context>
</TS>
