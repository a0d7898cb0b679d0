<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>CaseEditor</name>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="157" />
        <source>PAKN %1</source>
        <translation>PAKN %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="166" />
        <source>Re-apply my changes</source>
        <translation>Áp dụng lại thay đổi của tôi</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="193" />
        <source>Save changes</source>
        <translation>Lưu thay đổi</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="220" />
        <source>Reject…</source>
        <translation>Không tiếp nhận…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="221" />
        <source>Ask for clarification…</source>
        <translation>Đề nghị bổ sung, làm rõ…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="222" />
        <source>Forward to an official…</source>
        <translation>Giao công chức xử lý…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="223" />
        <source>Accept</source>
        <translation>Tiếp nhận, tham mưu xử lý</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="224" />
        <source>Transfer to another agency…</source>
        <translation>Chuyển cơ quan có thẩm quyền…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="225" />
        <source>Record the supplement…</source>
        <translation>Ghi nhận nội dung bổ sung…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="226" />
        <source>Close: no reply</source>
        <translation>Đóng: không bổ sung</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="227" />
        <source>Assign / reassign…</source>
        <translation>Phân công / phân công lại…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="228" />
        <source>Post progress…</source>
        <translation>Cập nhật tình hình xử lý…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="229" />
        <source>Record the result…</source>
        <translation>Ghi nhận kết quả…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="230" />
        <source>Publish the answer…</source>
        <translation>Trả lời, công khai kết quả…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="231" />
        <source>Close</source>
        <translation>Đóng hồ sơ</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="232" />
        <source>Reopen…</source>
        <translation>Mở lại…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="239" />
        <source>Classification and handling</source>
        <translation>Phân loại và xử lý</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="245" />
        <source>Preview, issue, print…</source>
        <translation>Xem trước, ban hành, in…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="247" />
        <source>Letters</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="254" />
        <source>Stage</source>
        <translation>Bước</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="254" />
        <source>Due</source>
        <translation>Hạn</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="254" />
        <source>Working days left</source>
        <translation>Còn / trễ (ngày LV)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="254" />
        <source>Done on</source>
        <translation>Hoàn thành</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="259" />
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="259" />
        <source>Who</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="259" />
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="259" />
        <source>Public</source>
        <translation>Công khai</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="265" />
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="267" />
        <source>Add files…</source>
        <translation>Thêm tệp…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="282" />
        <source>Deadlines</source>
        <translation>Thời hạn</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="283" />
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="284" />
        <source>Attachments</source>
        <translation>Tài liệu đính kèm</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="354" />
        <source>Received: %1</source>
        <translation>Tiếp nhận: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="355" />
        <source>Clock starts: %1</source>
        <translation>Thời hạn tính từ: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="356" />
        <source>Unit: %1</source>
        <translation>Đơn vị: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="357" />
        <source>Official: %1</source>
        <translation>Công chức: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="360" />
        <source>Reason for rejection: %1</source>
        <translation>Lý do không tiếp nhận: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="362" />
        <source>Asked to clarify: %1</source>
        <translation>Đề nghị làm rõ: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="364" />
        <source>Transferred to: %1</source>
        <translation>Đã chuyển đến: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="366" />
        <source>Result: %1</source>
        <translation>Kết quả: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="368" />
        <source>Answer: %1</source>
        <translation>Trả lời: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="410" />
        <source>Reject</source>
        <translation>Không tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="426" />
        <source>Choose an official</source>
        <translation>Chọn công chức</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="427" />
        <source>Official:</source>
        <translation>Công chức:</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="439" />
        <source>What must the person supplement or clarify?</source>
        <translation>Người phản ánh cần bổ sung, làm rõ nội dung gì?</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="441" />
        <source>What did the person send?</source>
        <translation>Người phản ánh đã gửi bổ sung những gì?</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="442" />
        <source>Progress to tell the person:</source>
        <translation>Tình hình xử lý thông báo cho người phản ánh:</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="443" />
        <source>Result of the handling:</source>
        <translation>Kết quả xử lý:</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="444" />
        <source>Answer to publish (no personal data):</source>
        <translation>Nội dung trả lời để công khai (không ghi thông tin cá nhân):</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="445" />
        <source>Why is the case reopened?</source>
        <translation>Lý do mở lại hồ sơ:</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="507" />
        <source>Done. The letter this calls for is selected below: %1.</source>
        <translation>Đã thực hiện. Văn bản cần ban hành đã được chọn bên dưới: %1.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="548" />
        <source>Your changes are kept: press “Re-apply my changes”.</source>
        <translation>Thay đổi của bạn vẫn được giữ: bấm «Áp dụng lại thay đổi của tôi».</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="595" />
        <source>Add files</source>
        <translation>Thêm tệp</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="603" />
        <source>File not added</source>
        <translation>Không thêm được tệp</translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <location filename="../../pakn_desktop/ui/queue_view.py" line="64" />
        <source>Search code, name, phone, subject, content (diacritics optional)</source>
        <translation>Tìm theo mã, họ tên, số điện thoại, tiêu đề, nội dung (gõ có dấu hoặc không dấu)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/queue_view.py" line="71" />
        <source>All deadlines</source>
        <translation>Mọi tình trạng hạn</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/queue_view.py" line="74" />
        <source>All channels</source>
        <translation>Mọi kênh</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/queue_view.py" line="77" />
        <source>All submitters</source>
        <translation>Mọi đối tượng</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/queue_view.py" line="80" />
        <source>All units</source>
        <translation>Mọi đơn vị</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/queue_view.py" line="83" />
        <source>All officials</source>
        <translation>Mọi công chức</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/queue_view.py" line="86" />
        <source>All topics</source>
        <translation>Mọi chủ đề</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/queue_view.py" line="87" />
        <source>Received from</source>
        <translation>Tiếp nhận từ</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/queue_view.py" line="93" />
        <source>Clear filters</source>
        <translation>Bỏ lọc</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/queue_view.py" line="147" />
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/queue_view.py" line="201" />
        <source>Legend:</source>
        <translation>Chú thích:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pakn_desktop/ui/queue_view.py" line="265" />
        <source>Shown: %n case(s)</source>
        <translation><numerusform>Hiển thị: %Ln PAKN</numerusform></translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../pakn_desktop/ui/case_model.py" line="84" />
        <source>PAKN code</source>
        <translation>Mã PAKN</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_model.py" line="85" />
        <source>Received</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_model.py" line="86" />
        <source>Submitter</source>
        <translation>Người phản ánh</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_model.py" line="87" />
        <source>Subject</source>
        <translation>Về việc</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_model.py" line="88" />
        <source>Channel</source>
        <translation>Kênh tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_model.py" line="89" />
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_model.py" line="90" />
        <source>Official</source>
        <translation>Công chức xử lý</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_model.py" line="91" />
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_model.py" line="92" />
        <source>Next deadline</source>
        <translation>Hạn tiếp theo</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_model.py" line="93" />
        <source>Days left</source>
        <translation>Còn (ngày LV)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_model.py" line="213" />
        <source>Next progress update due %1</source>
        <translation>Hạn cập nhật tình hình xử lý tiếp theo: %1</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="59" />
        <source>Set up your office</source>
        <translation>Thiết lập cơ quan</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="60" />
        <source>Skip: use the demo office</source>
        <translation>Bỏ qua: dùng cơ quan mẫu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="64" />
        <source>&lt; Back</source>
        <translation>&lt; Quay lại</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="65" />
        <source>Next &gt;</source>
        <translation>Tiếp &gt;</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="66" />
        <source>Finish</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="67" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="75" />
        <source>Your office</source>
        <translation>Cơ quan</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="77" />
        <source>These details go on every letter. You can change them later in Settings.</source>
        <translation>Các thông tin này xuất hiện trên mọi văn bản. Có thể sửa sau trong Cài đặt.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="90" />
        <source>Units</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="91" />
        <source>One unit per line.</source>
        <translation>Mỗi dòng một đơn vị.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="97" />
        <source>People</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/first_run.py" line="100" />
        <source>One person per line: full name; role (tiếp nhận, xử lý, lãnh đạo); title; unit.</source>
        <translation>Mỗi dòng một người: họ tên; vai trò (tiếp nhận, xử lý, lãnh đạo); chức vụ; đơn vị.</translation>
    </message>
</context>
<context>
    <name>InputDialog</name>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="136" />
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/case_editor.py" line="137" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>IntakeForm_</name>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="149" />
        <source>(not chosen)</source>
        <translation>(chưa chọn)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="176" />
        <source>Received at *</source>
        <translation>Thời điểm tiếp nhận *</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="203" />
        <source>Receiving unit</source>
        <translation>Chọn đơn vị tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="208" />
        <source>Attach files…</source>
        <translation>Đính kèm tệp…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="210" />
        <source>Remove</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="216" />
        <source>Drop files here or use the button (JPG, PNG, PDF, DOC, DOCX, XLS, XLSX).</source>
        <translation>Kéo thả tệp vào đây hoặc bấm nút (JPG, PNG, PDF, DOC, DOCX, XLS, XLSX).</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="226" />
        <source>Attachments</source>
        <translation>Tài liệu đính kèm</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="228" />
        <source>Save and issue code (Ctrl+S)</source>
        <translation>Lưu và cấp mã PAKN (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="231" />
        <source>New (Ctrl+N)</source>
        <translation>Nhập mới (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="248" />
        <source>An unsaved intake form from an earlier session was found.</source>
        <translation>Có một phiếu tiếp nhận chưa lưu từ lần làm việc trước.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="250" />
        <source>Restore it</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="252" />
        <source>Discard it</source>
        <translation>Bỏ đi</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="271" />
        <source>Copy code</source>
        <translation>Sao chép mã</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="273" />
        <source>Open the case</source>
        <translation>Mở hồ sơ</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="275" />
        <source>PAKN code given to the person:</source>
        <translation>Mã PAKN cấp cho người phản ánh:</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="294" />
        <source>Earlier PAKN from this phone or with a similar subject:</source>
        <translation>PAKN trước đây cùng số điện thoại hoặc tiêu đề tương tự:</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="457" />
        <location filename="../../pakn_desktop/ui/intake.py" line="480" />
        <source>Please correct the fields marked in red. Nothing was saved.</source>
        <translation>Vui lòng sửa các ô được đánh dấu màu đỏ. Phiếu chưa được lưu.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="495" />
        <source>Read it out digit by digit: %1.</source>
        <translation>Đọc từng chữ số: %1.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="497" />
        <source>Expected answer %1.</source>
        <translation>Dự kiến trả lời %1.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="500" />
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="544" />
        <source>Discard the form?</source>
        <translation>Xóa phiếu đang nhập?</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="545" />
        <source>The form has information that is not saved. Discard it?</source>
        <translation>Phiếu có thông tin chưa lưu. Xóa các thông tin này?</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="548" />
        <source>Discard</source>
        <translation>Xóa, không lưu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="549" />
        <source>Keep typing</source>
        <translation>Tiếp tục nhập</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="574" />
        <source>Attach files</source>
        <translation>Đính kèm tệp</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="576" />
        <source>Documents (*.pdf *.jpg *.jpeg *.png *.doc *.docx *.xls *.xlsx)</source>
        <translation>Tài liệu (*.pdf *.jpg *.jpeg *.png *.doc *.docx *.xls *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/intake.py" line="586" />
        <source>%1 is larger than the limit.</source>
        <translation>Tệp %1 vượt quá dung lượng cho phép.</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="94" />
        <source>Letter for PAKN %1</source>
        <translation>Văn bản cho PAKN %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="104" />
        <source>Sign digitally with a PKCS#12 file</source>
        <translation>Ký số bằng tệp chứng thư PKCS#12</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="106" />
        <source>Certificate file (.p12 / .pfx)</source>
        <translation>Tệp chứng thư số (.p12 / .pfx)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="107" />
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="111" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="112" />
        <source>Issue with the next number</source>
        <translation>Ban hành, cấp số tiếp theo</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="114" />
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="116" />
        <source>Save as PDF…</source>
        <translation>Lưu thành PDF…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="121" />
        <source>Letter:</source>
        <translation>Văn bản:</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="165" />
        <source>Certificate file</source>
        <translation>Tệp chứng thư số</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="165" />
        <source>PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="175" />
        <source>Choose the certificate file to sign with.</source>
        <translation>Vui lòng chọn tệp chứng thư số để ký.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="208" />
        <source>Sent %n page(s) to the printer.</source>
        <translation><numerusform>Đã gửi %n trang tới máy in.</numerusform></translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="213" />
        <source>Save as PDF</source>
        <translation>Lưu thành PDF</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="224" />
        <source>Saved to %1.</source>
        <translation>Đã lưu vào %1.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="239" />
        <source>Printing letters…</source>
        <translation>Đang in văn bản…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/letters_ui.py" line="240" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>LookupView</name>
    <message>
        <location filename="../../pakn_desktop/ui/lookup.py" line="28" />
        <source>PAKN code (e.g. 26-000421-4), phone number or the submitter's name</source>
        <translation>Mã PAKN (ví dụ 26-000421-4), số điện thoại hoặc họ tên người gửi</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/lookup.py" line="29" />
        <source>Look up</source>
        <translation>Tra cứu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/lookup.py" line="34" />
        <source>Code, phone or name:</source>
        <translation>Mã, số điện thoại hoặc họ tên:</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/lookup.py" line="52" />
        <source>The answer is expected %1.</source>
        <translation>Dự kiến trả lời %1.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/lookup.py" line="62" />
        <source>Your PAKN about “%1”, received on %2, is: &lt;b&gt;%3&lt;/b&gt;. %4</source>
        <translation>Phản ánh, kiến nghị của Ông/Bà về việc «%1», tiếp nhận ngày %2, hiện đang ở tình trạng: &lt;b&gt;%3&lt;/b&gt;. %4</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="47" />
        <source>PAKN Desktop — receiving and answering citizens' feedback</source>
        <translation>PAKN Desktop — Tiếp nhận, xử lý phản ánh, kiến nghị</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="63" />
        <source>Intake</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="64" />
        <source>Inbox</source>
        <translation>Việc cần xử lý</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="65" />
        <source>Queue</source>
        <translation>Danh sách PAKN</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="66" />
        <source>Lookup</source>
        <translation>Tra cứu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="67" />
        <source>Statistics</source>
        <translation>Thống kê</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="68" />
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="88" />
        <source>Print all letters issued today…</source>
        <translation>In tất cả văn bản ban hành hôm nay…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="90" />
        <source>&amp;Letters</source>
        <translation>&amp;Văn bản</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="91" />
        <source>&amp;Backup</source>
        <translation>&amp;Sao lưu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="92" />
        <source>Back up now</source>
        <translation>Sao lưu ngay</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="94" />
        <source>Choose the backup folder…</source>
        <translation>Chọn thư mục sao lưu…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="96" />
        <source>Restore from a backup…</source>
        <translation>Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="101" />
        <location filename="../../pakn_desktop/ui/main_window.py" line="266" />
        <source>About PAKN Desktop</source>
        <translation>Giới thiệu PAKN Desktop</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="103" />
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="105" />
        <source>Database: %1</source>
        <translation>Cơ sở dữ liệu: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="106" />
        <source>User: %1</source>
        <translation>Người dùng: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="133" />
        <source>The daily backup failed: %1</source>
        <translation>Sao lưu hằng ngày không thành công: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="155" />
        <source>Cases: %1</source>
        <translation>Hồ sơ: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="167" />
        <source>Overdue: %1 · Due soon: %2</source>
        <translation>Quá hạn: %1 · Sắp đến hạn: %2</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="187" />
        <source>Print letters</source>
        <translation>In văn bản</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="187" />
        <source>No letter has been issued today.</source>
        <translation>Hôm nay chưa ban hành văn bản nào.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="195" />
        <source>Printed %1 of %2 letters.</source>
        <translation>Đã in %1/%2 văn bản.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="204" />
        <source>Daily backup written: %1</source>
        <translation>Đã sao lưu hằng ngày: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="213" />
        <source>Backup folder</source>
        <translation>Thư mục sao lưu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="222" />
        <source>Backup failed</source>
        <translation>Sao lưu không thành công</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="224" />
        <source>Backup written: %1</source>
        <translation>Đã sao lưu: %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="228" />
        <location filename="../../pakn_desktop/ui/main_window.py" line="239" />
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="235" />
        <location filename="../../pakn_desktop/ui/main_window.py" line="254" />
        <source>Cannot restore</source>
        <translation>Không khôi phục được</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="241" />
        <source>Replace the current database with this backup (%1 cases)? The current file is kept beside it. The app closes afterwards; start it again.</source>
        <translation>Thay cơ sở dữ liệu hiện tại bằng bản sao lưu này (%1 PAKN)? Tệp hiện tại được giữ lại trong cùng thư mục. Sau khi khôi phục, chương trình sẽ tự đóng; vui lòng mở lại.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="246" />
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="247" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="258" />
        <source>Restored</source>
        <translation>Đã khôi phục</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="259" />
        <source>Restored. The previous database was kept at %1.</source>
        <translation>Đã khôi phục. Cơ sở dữ liệu trước đó được giữ tại %1.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/main_window.py" line="268" />
        <source>PAKN Desktop %1
Receiving, classifying and answering citizens' feedback and recommendations within the legal working-day deadlines.

Licence: GPL-3.0-or-later. Letters use Liberation Serif (SIL Open Font License 1.1) where Times New Roman is not installed.</source>
        <translation>PAKN Desktop %1
Tiếp nhận, phân loại, xử lý và trả lời phản ánh, kiến nghị đúng thời hạn tính theo ngày làm việc.

Giấy phép: GPL-3.0-or-later. Văn bản dùng phông Liberation Serif (giấy phép SIL Open Font License 1.1) khi máy không có Times New Roman.</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="35" />
        <source>Governing agency</source>
        <translation>Cơ quan chủ quản</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="36" />
        <source>Issuing agency</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="37" />
        <source>Agency name in sentences</source>
        <translation>Tên cơ quan dùng trong câu văn</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="38" />
        <source>Document symbol</source>
        <translation>Ký hiệu văn bản</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="39" />
        <source>Place name</source>
        <translation>Địa danh</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="40" />
        <source>Hotline numbers</source>
        <translation>Số điện thoại đường dây nóng</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="41" />
        <source>Lookup portal address</source>
        <translation>Địa chỉ cổng tra cứu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="42" />
        <source>Signer's authority (e.g. KT. GIÁM ĐỐC)</source>
        <translation>Thẩm quyền ký (ví dụ KT. GIÁM ĐỐC)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="43" />
        <source>Signer's title</source>
        <translation>Chức vụ người ký</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="44" />
        <source>Signer's name</source>
        <translation>Họ tên người ký</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="45" />
        <source>Archive line (Lưu: ...)</source>
        <translation>Dòng lưu (Lưu: …)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="55" />
        <source>Calendar</source>
        <translation>Lịch làm việc</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="56" />
        <source>Office</source>
        <translation>Cơ quan</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="57" />
        <source>Units and officials</source>
        <translation>Đơn vị và cán bộ</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="58" />
        <source>Letter templates</source>
        <translation>Mẫu văn bản</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="59" />
        <source>Interface</source>
        <translation>Giao diện</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="71" />
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="71" />
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="71" />
        <source>Name or reason</source>
        <translation>Tên ngày hoặc lý do</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="78" />
        <source>Day off</source>
        <translation>Ngày nghỉ</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="79" />
        <source>Working day</source>
        <translation>Ngày làm việc</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="81" />
        <source>Reason (required)</source>
        <translation>Lý do (bắt buộc)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="82" />
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="84" />
        <source>Remove the selected office day</source>
        <translation>Bỏ ngày điều chỉnh đang chọn</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="89" />
        <source>Year:</source>
        <translation>Năm:</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="115" />
        <source>Make-up working day</source>
        <translation>Ngày làm bù</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="117" />
        <source>Public holiday / day off</source>
        <translation>Ngày nghỉ lễ, Tết / nghỉ bù</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="123" />
        <source>Office working day</source>
        <translation>Ngày làm việc do cơ quan quy định</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="123" />
        <source>Office day off</source>
        <translation>Ngày nghỉ do cơ quan quy định</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pakn_desktop/ui/settings.py" line="143" />
        <source>Saved. Deadlines of %n open case(s) moved.</source>
        <translation><numerusform>Đã lưu. Thời hạn của %n hồ sơ đang mở đã được tính lại.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pakn_desktop/ui/settings.py" line="157" />
        <source>Removed. Deadlines of %n open case(s) moved.</source>
        <translation><numerusform>Đã bỏ. Thời hạn của %n hồ sơ đang mở đã được tính lại.</numerusform></translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="172" />
        <source>Save office details</source>
        <translation>Lưu thông tin cơ quan</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="188" />
        <location filename="../../pakn_desktop/ui/settings.py" line="251" />
        <location filename="../../pakn_desktop/ui/settings.py" line="337" />
        <location filename="../../pakn_desktop/ui/settings.py" line="353" />
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="201" />
        <source>Fields you can use:</source>
        <translation>Các trường có thể dùng:</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="207" />
        <source>Save template</source>
        <translation>Lưu mẫu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="209" />
        <source>Reset to the default</source>
        <translation>Khôi phục mẫu mặc định</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="214" />
        <source>Letter</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="215" />
        <source>Subject (V/v) or title</source>
        <translation>Trích yếu (V/v) hoặc tên văn bản</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="216" />
        <source>Body (one paragraph per line)</source>
        <translation>Nội dung (mỗi dòng một đoạn)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="217" />
        <source>Recipients (Nơi nhận)</source>
        <translation>Nơi nhận</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="256" />
        <source>The default wording is back.</source>
        <translation>Đã khôi phục nội dung mặc định.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="269" />
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="276" />
        <source>The new language applies the next time the app starts.</source>
        <translation>Ngôn ngữ mới được áp dụng từ lần mở ứng dụng tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="284" />
        <source>Name</source>
        <translation>Họ tên</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="284" />
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="284" />
        <source>Title</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="284" />
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="287" />
        <source>New unit name</source>
        <translation>Tên đơn vị mới</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="288" />
        <source>Add unit</source>
        <translation>Thêm đơn vị</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="291" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="293" />
        <source>Login name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/settings.py" line="298" />
        <source>Add person</source>
        <translation>Thêm cán bộ</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="63" />
        <source>Month %1/%2</source>
        <translation>Tháng %1/%2</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="77" />
        <source>Quarter %1/%2</source>
        <translation>Quý %1/%2</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="86" />
        <source>First half of %1</source>
        <translation>6 tháng đầu năm %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="95" />
        <source>Second half of %1</source>
        <translation>6 tháng cuối năm %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="104" />
        <source>Year %1</source>
        <translation>Năm %1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="125" />
        <source>Official / case</source>
        <translation>Công chức / hồ sơ</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="125" />
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="125" />
        <source>Due</source>
        <translation>Hạn</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="125" />
        <source>Days left</source>
        <translation>Còn (ngày làm việc)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="130" />
        <source>Needs action today and in the next two working days</source>
        <translation>Việc cần làm hôm nay và trong 02 ngày làm việc tới</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="136" />
        <source>Custom</source>
        <translation>Khoảng thời gian khác</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="143" />
        <source>Compute</source>
        <translation>Tổng hợp</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="146" />
        <source>Period:</source>
        <translation>Kỳ báo cáo:</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="153" />
        <source>Choose a period and press Compute.</source>
        <translation>Chọn kỳ báo cáo rồi bấm Tổng hợp.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="170" />
        <source>Breakdown</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="170" />
        <source>Cases</source>
        <translation>Số PAKN</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="175" />
        <source>Details (double-click for the cases)</source>
        <translation>Chi tiết (bấm đúp để xem hồ sơ)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="180" />
        <source>Report to Excel…</source>
        <translation>Xuất báo cáo ra Excel…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="181" />
        <source>Report to PDF…</source>
        <translation>Xuất báo cáo ra PDF…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="182" />
        <source>Intake register to Excel…</source>
        <translation>Xuất sổ tiếp nhận ra Excel…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="183" />
        <source>Intake register to PDF…</source>
        <translation>Xuất sổ tiếp nhận ra PDF…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="184" />
        <source>Overdue list (PDF)…</source>
        <translation>Danh sách quá hạn (PDF)…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="260" />
        <source>Computing…</source>
        <translation>Đang tính…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="275" />
        <source>&lt;b&gt;Received:&lt;/b&gt; &lt;a href='received'&gt;%1&lt;/a&gt; &amp;nbsp; &lt;b&gt;Handled:&lt;/b&gt; &lt;a href='handled'&gt;%2&lt;/a&gt; &amp;nbsp; &lt;b&gt;On time:&lt;/b&gt; &lt;a href='ontime'&gt;%3&lt;/a&gt; &amp;nbsp; &lt;b&gt;Late:&lt;/b&gt; &lt;a href='late'&gt;%4&lt;/a&gt; &amp;nbsp; &lt;b&gt;On-time rate:&lt;/b&gt; %5 &amp;nbsp; &lt;b&gt;Chỉ số 8 score:&lt;/b&gt; %6&lt;br&gt;&lt;b&gt;Working days to answer:&lt;/b&gt; median %7, 90th percentile %8</source>
        <translation>&lt;b&gt;Tiếp nhận:&lt;/b&gt; &lt;a href='received'&gt;%1&lt;/a&gt; &amp;nbsp; &lt;b&gt;Đã xử lý:&lt;/b&gt; &lt;a href='handled'&gt;%2&lt;/a&gt; &amp;nbsp; &lt;b&gt;Đúng hạn:&lt;/b&gt; &lt;a href='ontime'&gt;%3&lt;/a&gt; &amp;nbsp; &lt;b&gt;Trễ hạn:&lt;/b&gt; &lt;a href='late'&gt;%4&lt;/a&gt; &amp;nbsp; &lt;b&gt;Tỷ lệ đúng hạn:&lt;/b&gt; %5 &amp;nbsp; &lt;b&gt;Điểm chỉ số 8:&lt;/b&gt; %6&lt;br&gt;&lt;b&gt;Số ngày làm việc đến khi trả lời:&lt;/b&gt; trung vị %7, 90% PAKN trong %8</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="360" />
        <source> &amp;nbsp; &lt;b&gt;Open today (%1), overdue:&lt;/b&gt; &lt;a href='overdue'&gt;%2&lt;/a&gt;</source>
        <translation> &amp;nbsp; &lt;b&gt;Đang mở hôm nay (%1), quá hạn:&lt;/b&gt; &lt;a href='overdue'&gt;%2&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="293" />
        <source>Received per month</source>
        <translation>Số PAKN tiếp nhận theo tháng</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="373" />
        <source>Number received</source>
        <translation>Số PAKN tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="505" />
        <source>Cases received</source>
        <translation>PAKN tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="314" />
        <source>Classification outcomes</source>
        <translation>Kết quả phân loại</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="322" />
        <source>On-time rate by unit (%)</source>
        <translation>Tỷ lệ đúng hạn theo đơn vị (%)</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="323" />
        <source>On time</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="351" />
        <source>Received by channel</source>
        <translation>Tiếp nhận theo kênh</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="352" />
        <source>Received by topic</source>
        <translation>Tiếp nhận theo chủ đề</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="353" />
        <source>Received by unit</source>
        <translation>Tiếp nhận theo đơn vị</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="355" />
        <source>Received by submitter type</source>
        <translation>Tiếp nhận theo đối tượng</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="359" />
        <source>Received by month</source>
        <translation>Tiếp nhận theo tháng</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="361" />
        <source>Received in the period</source>
        <translation>Tiếp nhận trong kỳ</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="401" />
        <source>Handled</source>
        <translation>Đã xử lý</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="404" />
        <source>Handled on time</source>
        <translation>Xử lý đúng hạn</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="408" />
        <source>Handled late</source>
        <translation>Xử lý trễ hạn</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="421" />
        <source>Export</source>
        <translation>Xuất báo cáo</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="449" />
        <source>Writing %1…</source>
        <translation>Đang ghi %1…</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/statistics.py" line="457" />
        <source>Written: %1</source>
        <translation>Đã ghi: %1</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../pakn_desktop/ui/app.py" line="48" />
        <source>Something unexpected went wrong. What you typed is still in the window. The details were written to %1.</source>
        <translation>Đã xảy ra lỗi ngoài dự kiến. Những gì bạn đã nhập vẫn còn trên cửa sổ. Chi tiết lỗi được ghi vào %1.</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/app.py" line="54" />
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/app.py" line="83" />
        <source>Cannot open the database</source>
        <translation>Không mở được cơ sở dữ liệu</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/app.py" line="84" />
        <source>The database could not be opened. Nothing was changed.

%1</source>
        <translation>Không mở được cơ sở dữ liệu. Chưa có gì bị thay đổi.

%1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/app.py" line="116" />
        <source>The database could not be opened.

%1</source>
        <translation>Không mở được cơ sở dữ liệu.

%1</translation>
    </message>
    <message>
        <location filename="../../pakn_desktop/ui/app.py" line="88" />
        <source>The technical details were written to the log file %1. Please tell the system administrator.</source>
        <translation>Chi tiết kỹ thuật đã được ghi vào tệp nhật ký %1. Vui lòng báo quản trị hệ thống.</translation>
    </message>
</context>
</TS>