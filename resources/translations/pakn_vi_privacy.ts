<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>LookupView</name>
    <message>
        <source>Looked up by phone number: only codes, dates and states are shown. Look up by PAKN code to read the history, or open a case.</source>
        <translation>Tra cứu theo số điện thoại: chỉ hiện mã, ngày và tình trạng. Tra cứu theo mã PAKN để xem quá trình xử lý, hoặc mở hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/lookup.py" line="66" />
        <source>Looked up by name: only names, codes, dates and states are shown. Look up by PAKN code to read the history, or open a case.</source>
        <translation>Tra cứu theo họ tên: chỉ hiện họ tên, mã, ngày và tình trạng. Tra cứu theo mã PAKN để xem quá trình xử lý, hoặc mở hồ sơ.</translation>
    </message>
    <message>
        <source>received on %1: &lt;b&gt;%2&lt;/b&gt;. %3</source>
        <translation>tiếp nhận ngày %1: &lt;b&gt;%2&lt;/b&gt;. %3</translation>
    </message>
</context>
<context>
    <name>PersonDataDialog</name>
    <message>
        <source>Personal data of one person</source>
        <translation>Dữ liệu cá nhân của một người</translation>
    </message>
    <message>
        <source>Phone number, CCCD/CMND number or full name</source>
        <translation>Số điện thoại, số CCCD/CMND hoặc họ tên đầy đủ</translation>
    </message>
    <message>
        <source>Full name, when several people share the number</source>
        <translation>Họ tên, khi nhiều người dùng chung số</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Tìm</translation>
    </message>
    <message>
        <source>Why (required), e.g. the person's request of 20/04/2026</source>
        <translation>Lý do (bắt buộc), ví dụ: theo đơn yêu cầu của người dân ngày 20/04/2026</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Xuất PDF…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>Xuất JSON…</translation>
    </message>
    <message>
        <source>Anonymise…</source>
        <translation>Ẩn danh hóa…</translation>
    </message>
    <message>
        <source> years</source>
        <translation> năm</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>Tra cứu:</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Họ tên:</translation>
    </message>
    <message>
        <source>Keep personal data after a case closes for:</source>
        <translation>Thời hạn lưu trữ dữ liệu cá nhân sau khi đóng hồ sơ:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Lý do:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Họ tên:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Địa chỉ:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Số điện thoại:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>Identifiers written in the texts:</source>
        <translation>Thông tin định danh ghi trong các văn bản:</translation>
    </message>
    <message>
        <source>when closed</source>
        <translation>khi đã đóng hồ sơ</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã PAKN</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Ngày đóng</translation>
    </message>
    <message>
        <source>May be anonymised from</source>
        <translation>Có thể ẩn danh từ ngày</translation>
    </message>
    <message>
        <source>Save the export</source>
        <translation>Lưu tệp xuất</translation>
    </message>
    <message>
        <source>Exported to %1; recorded in the history of each case.</source>
        <translation>Đã xuất ra %1; đã ghi vào lịch sử của từng hồ sơ.</translation>
    </message>
    <message>
        <source>Anonymise</source>
        <translation>Ẩn danh hóa</translation>
    </message>
    <message>
        <source>Remove this person's name, address, phone, email, private notes, attachment contents and identifiers from %1 case(s)? This cannot be undone.</source>
        <translation>Xóa họ tên, địa chỉ, số điện thoại, email, ghi chú nội bộ, nội dung tệp đính kèm và các thông tin định danh của người này khỏi %1 hồ sơ? Không thể hoàn tác.</translation>
    </message>
    <message>
        <source>Anonymised: %1.</source>
        <translation>Đã ẩn danh: %1.</translation>
    </message>
    <message>
        <source>Retention period saved: %1 years.</source>
        <translation>Đã lưu thời hạn lưu trữ: %1 năm.</translation>
    </message>
</context>
<context>
    <name>PrivacyWarning</name>
    <message>
        <source>Move personal data to the private note</source>
        <translation>Chuyển thông tin cá nhân sang ghi chú nội bộ</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>số điện thoại</translation>
    </message>
    <message>
        <source>citizen ID (CCCD)</source>
        <translation>số CCCD</translation>
    </message>
    <message>
        <source>ID card (CMND)</source>
        <translation>số CMND</translation>
    </message>
    <message>
        <source>email</source>
        <translation>email</translation>
    </message>
    <message>
        <source>tax code</source>
        <translation>mã số thuế</translation>
    </message>
    <message>
        <source>bank account number</source>
        <translation>số tài khoản</translation>
    </message>
    <message>
        <source>social insurance number</source>
        <translation>mã số BHXH</translation>
    </message>
    <message>
        <source>passport number</source>
        <translation>số hộ chiếu</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>ngày sinh</translation>
    </message>
    <message>
        <source>number plate</source>
        <translation>biển số xe</translation>
    </message>
    <message>
        <source>This text will be public and contains personal data: %1.</source>
        <translation>Nội dung này sẽ được công khai và có thông tin cá nhân: %1.</translation>
    </message>
    <message>
        <source>house address</source>
        <translation>địa chỉ nhà</translation>
    </message>
</context>
</TS>
