<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CaseEditor</name>
    <message>
        <source>Correct the receipt time…</source>
        <translation>Sửa thời điểm tiếp nhận…</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Enter: new line · Tab: next control · Ctrl+Enter: next step</source>
        <translation>Enter: xuống dòng · Tab: sang ô kế tiếp · Ctrl+Enter: sang bước tiếp</translation>
    </message>
</context>
<context>
    <name>IntakeForm_</name>
    <message>
        <source>Now, unless you change it. A time more than one working day back asks.</source>
        <translation>Mặc định là thời điểm hiện tại. Nếu lùi quá một ngày làm việc, chương trình sẽ hỏi để xác nhận.</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Bây giờ</translation>
    </message>
    <message>
        <source>Set the receipt time back to now</source>
        <translation>Đặt lại thời điểm tiếp nhận là bây giờ</translation>
    </message>
    <message>
        <source>The code of the saved PAKN will be shown here.</source>
        <translation>Mã PAKN vừa lưu sẽ hiện ở đây.</translation>
    </message>
    <message>
        <source>Nothing was saved. Check the receipt time.</source>
        <translation>Chưa lưu gì. Vui lòng kiểm tra thời điểm tiếp nhận.</translation>
    </message>
    <message>
        <source>Check the receipt time</source>
        <translation>Kiểm tra thời điểm tiếp nhận</translation>
    </message>
    <message>
        <source>Save the PAKN with this receipt time?</source>
        <translation>Lưu PAKN với thời điểm tiếp nhận này?</translation>
    </message>
    <message>
        <source>Save with this time</source>
        <translation>Lưu với thời điểm này</translation>
    </message>
    <message>
        <source>Correct the time</source>
        <translation>Sửa lại thời điểm</translation>
    </message>
    <message>
        <source>Last typed: %1</source>
        <translation>Nhập lần cuối: %1</translation>
    </message>
    <message>
        <source>%1 unsaved forms are waiting.</source>
        <translation>Còn %1 phiếu chưa lưu đang chờ.</translation>
    </message>
    <message>
        <source>The unsaved form could not be read; it was kept.</source>
        <translation>Không đọc được phiếu chưa lưu; phiếu vẫn được giữ lại.</translation>
    </message>
    <message>
        <source>The unsaved form was restored.</source>
        <translation>Đã khôi phục phiếu chưa lưu.</translation>
    </message>
    <message>
        <source>These files could not be restored: %1</source>
        <translation>Không khôi phục được các tệp: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Gathering today's letters…</source>
        <translation>Đang tập hợp văn bản ban hành hôm nay…</translation>
    </message>
    <message>
        <source>Printing letters…</source>
        <translation>Đang in văn bản…</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>Đang sao lưu cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Đang kiểm tra bản sao lưu…</translation>
    </message>
    <message>
        <source>Restoring the database…</source>
        <translation>Đang khôi phục cơ sở dữ liệu…</translation>
    </message>
</context>
<context>
    <name>ReceivedAtDialog</name>
    <message>
        <source>Correct the receipt time of %1</source>
        <translation>Sửa thời điểm tiếp nhận của %1</translation>
    </message>
    <message>
        <source>Recorded now:</source>
        <translation>Hiện ghi:</translation>
    </message>
    <message>
        <source>Correct receipt time:</source>
        <translation>Thời điểm tiếp nhận đúng:</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>Lý do (bắt buộc):</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>The deadlines are computed again from the corrected time.</source>
        <translation>Thời hạn xử lý sẽ được tính lại theo thời điểm đã sửa.</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <source>Something unexpected went wrong; nothing more was done. The details were written to the log.</source>
        <translation>Đã xảy ra lỗi ngoài dự kiến; thao tác dừng lại. Chi tiết đã được ghi vào nhật ký.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Đang xử lý…</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Vui lòng chờ</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Đang dừng…</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Chưa thực hiện được</translation>
    </message>
</context>
</TS>
