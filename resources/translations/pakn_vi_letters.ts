<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
    <context>
        <name>LetterDialog</name>
        <message>
            <source>With the agency's seal</source>
            <translation>Kèm hình con dấu cơ quan</translation>
        </message>
        <message>
            <source>Replace…</source>
            <translation>Thay thế…</translation>
        </message>
        <message>
            <source>Issue a corrected letter with a new number in place of this one</source>
            <translation>Ban hành văn bản đã sửa, cấp số mới, thay thế văn bản này</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>This case calls for no letter now.</source>
            <translation>Hồ sơ hiện chưa cần ban hành văn bản nào.</translation>
        </message>
        <message>
            <source>This case does not call for «%1» now; the letters it calls for are listed.</source>
            <translation>Hồ sơ hiện không cần «%1»; danh sách chỉ gồm các văn bản hồ sơ cần ban hành.</translation>
        </message>
        <message>
            <source>Already issued: %1 no. %2 on %3 by %4. Printing or saving gives this exact letter; to correct it, use Replace.</source>
            <translation>Đã ban hành: %1 số %2 lúc %3, người cấp số %4. Khi in hoặc lưu, chương trình dùng đúng bản đã ban hành; muốn sửa nội dung, bấm «Thay thế…».</translation>
        </message>
        <message>
            <source>Draft (DỰ THẢO), without a number. Issuing gives it the next number of the register; it can be issued once.</source>
            <translation>Bản dự thảo (DỰ THẢO), chưa có số. Khi ban hành, văn bản được cấp số tiếp theo trong sổ; mỗi văn bản chỉ ban hành một lần.</translation>
        </message>
        <message>
            <source>Already issued earlier: %1 no. %2. No new number was taken.</source>
            <translation>Văn bản đã được ban hành trước đó: %1 số %2. Không cấp số mới.</translation>
        </message>
        <message>
            <source>Issued: %1 no. %2. The register keeps this exact file (SHA-256 %3…).</source>
            <translation>Đã ban hành: %1 số %2. Sổ đăng ký lưu đúng tệp này (SHA-256 %3…).</translation>
        </message>
        <message>
            <source>Replace letter</source>
            <translation>Thay thế văn bản</translation>
        </message>
        <message>
            <source>Why is letter no. %1 replaced? The new letter takes a new number and names the one it replaces; both stay in the register.</source>
            <translation>Văn bản mới được cấp số mới và ghi rõ văn bản được thay thế; cả hai được giữ trong sổ đăng ký. Lý do thay thế văn bản số %1:</translation>
        </message>
    </context>
    <context>
        <name>CaseEditor</name>
        <message>
            <source>Ground for not accepting. For a repeat, write the earlier PAKN code below; for another agency's remit, the competent agency; otherwise the reason:</source>
            <translation>Căn cứ không tiếp nhận. Nếu trùng PAKN đã trả lời, ghi mã PAKN trước đó vào ô dưới; nếu thuộc thẩm quyền cơ quan khác, ghi cơ quan có thẩm quyền; trường hợp khác, ghi lý do:</translation>
        </message>
        <message>
            <source>Transfer</source>
            <translation>Chuyển cơ quan có thẩm quyền</translation>
        </message>
        <message>
            <source>Competent agency it is transferred to (first line), then the reason given to the person:</source>
            <translation>Cơ quan có thẩm quyền được chuyển đến (dòng đầu), sau đó là lý do chuyển để thông báo cho người phản ánh:</translation>
        </message>
    </context>
    <context>
        <name>LetterViewer</name>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Outgoing register</source>
            <translation>Sổ đăng ký văn bản đi</translation>
        </message>
        <message>
            <source>Personal data of one person…</source>
            <translation>Dữ liệu cá nhân của một người…</translation>
        </message>
        <message>
            <source>&amp;Data</source>
            <translation>&amp;Dữ liệu</translation>
        </message>
    </context>
    <context>
        <name>RegisterModel</name>
        <message>
            <source>Number</source>
            <translation>Số, ký hiệu</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Ngày ban hành</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Loại văn bản</translation>
        </message>
        <message>
            <source>PAKN code</source>
            <translation>Mã PAKN</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Trích yếu</translation>
        </message>
        <message>
            <source>Signer</source>
            <translation>Người ký</translation>
        </message>
        <message>
            <source>Issued by</source>
            <translation>Người cấp số</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Ghi chú</translation>
        </message>
        <message>
            <source>replaces %1</source>
            <translation>thay thế %1</translation>
        </message>
        <message>
            <source>replaced by %1</source>
            <translation>đã thay bằng %1</translation>
        </message>
    </context>
    <context>
        <name>RegisterView</name>
        <message>
            <source>All kinds</source>
            <translation>Tất cả loại văn bản</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>In lại…</translation>
        </message>
        <message>
            <source>Save as PDF…</source>
            <translation>Lưu PDF…</translation>
        </message>
        <message>
            <source>Export to Excel…</source>
            <translation>Xuất Excel…</translation>
        </message>
        <message>
            <source>Year:</source>
            <translation>Năm:</translation>
        </message>
        <message>
            <source>Kind:</source>
            <translation>Loại:</translation>
        </message>
        <message>
            <source>Outgoing register</source>
            <translation>Sổ đăng ký văn bản đi</translation>
        </message>
        <message>
            <source>All years</source>
            <translation>Tất cả các năm</translation>
        </message>
        <message numerus="yes">
            <source>%n letter(s).</source>
            <translation><numerusform>%n văn bản.</numerusform></translation>
        </message>
        <message>
            <source>Select a letter in the register first.</source>
            <translation>Hãy chọn một văn bản trong sổ.</translation>
        </message>
        <message>
            <source>Reprinted %1.</source>
            <translation>Đã in lại %1.</translation>
        </message>
        <message>
            <source>Save as PDF</source>
            <translation>Lưu PDF</translation>
        </message>
        <message>
            <source>Saved to %1.</source>
            <translation>Đã lưu vào %1.</translation>
        </message>
        <message>
            <source>Export to Excel</source>
            <translation>Xuất Excel</translation>
        </message>
    </context>
    <context>
        <name>IntakeForm_</name>
        <message>
            <source>The email was read into the form: check it, then save.</source>
            <translation>Đã điền thông tin từ thư điện tử vào phiếu; vui lòng kiểm tra rồi lưu.</translation>
        </message>
    </context>
    <context>
        <name>SettingsView</name>
        <message>
            <source>Signature image (PNG)…</source>
            <translation>Ảnh chữ ký (PNG)…</translation>
        </message>
        <message>
            <source>Seal image (PNG)…</source>
            <translation>Ảnh con dấu (PNG)…</translation>
        </message>
        <message>
            <source>Remove both</source>
            <translation>Xóa cả hai ảnh</translation>
        </message>
        <message>
            <source>Digital signature:</source>
            <translation>Ký số:</translation>
        </message>
        <message>
            <source>signature: %1 · seal: %2</source>
            <translation>chữ ký: %1 · con dấu: %2</translation>
        </message>
        <message>
            <source>set</source>
            <translation>đã có</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>chưa có</translation>
        </message>
    </context>
    <context>
        <name>CaseListView</name>
        <message>
            <source>Desk PAKN not yet entered nationally</source>
            <translation>PAKN tiếp nhận trực tiếp (ngoài Cổng) chưa nhập lên Hệ thống</translation>
        </message>
    </context>
</TS>