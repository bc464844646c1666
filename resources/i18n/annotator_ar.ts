<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
    <context>
        <name>Actions</name>
        <message>
            <source>&amp;New database…</source>
            <translation>قاعدة بيانات &amp;جديدة…</translation>
        </message>
        <message>
            <source>Create an empty database file and open it</source>
            <translation>إنشاء ملف قاعدة بيانات فارغ وفتحه</translation>
        </message>
        <message>
            <source>&amp;Open database…</source>
            <translation>&amp;فتح قاعدة بيانات…</translation>
        </message>
        <message>
            <source>Open another database file</source>
            <translation>فتح ملف قاعدة بيانات آخر</translation>
        </message>
        <message>
            <source>&amp;Import articles…</source>
            <translation>&amp;استيراد مقالات…</translation>
        </message>
        <message>
            <source>Import .txt, .jsonl and .csv files into this database</source>
            <translation>استيراد ملفات ‎.txt و‎.jsonl و‎.csv إلى قاعدة البيانات هذه</translation>
        </message>
        <message>
            <source>Import a &amp;folder…</source>
            <translation>استيراد &amp;مجلد…</translation>
        </message>
        <message>
            <source>Import every article file below a folder</source>
            <translation>استيراد كل ملفات المقالات داخل مجلد</translation>
        </message>
        <message>
            <source>&amp;Export…</source>
            <translation>&amp;تصدير…</translation>
        </message>
        <message>
            <source>Export annotations to another tool's format</source>
            <translation>تصدير التوسيمات بصيغة أداة أخرى</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;خروج</translation>
        </message>
        <message>
            <source>Close the window (everything is already saved)</source>
            <translation>إغلاق النافذة (كل شيء محفوظ أصلًا)</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;تراجع</translation>
        </message>
        <message>
            <source>Undo the last change in this article</source>
            <translation>التراجع عن آخر تغيير في هذا المقال</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>إ&amp;عادة</translation>
        </message>
        <message>
            <source>Redo the change just undone</source>
            <translation>إعادة التغيير الذي تراجعت عنه</translation>
        </message>
        <message>
            <source>&amp;Delete annotation</source>
            <translation>&amp;حذف التوسيم</translation>
        </message>
        <message>
            <source>Delete the selected annotation and its links</source>
            <translation>حذف التوسيم المحدد وروابطه</translation>
        </message>
        <message>
            <source>&amp;Find in article…</source>
            <translation>&amp;بحث في المقال…</translation>
        </message>
        <message>
            <source>Find text, ignoring diacritics, tatweel and letter forms</source>
            <translation>البحث عن نص مع تجاهل التشكيل والتطويل وأشكال الحروف</translation>
        </message>
        <message>
            <source>Find &amp;next</source>
            <translation>البحث عن ال&amp;تالي</translation>
        </message>
        <message>
            <source>Select the next match</source>
            <translation>تحديد النتيجة التالية</translation>
        </message>
        <message>
            <source>Find pre&amp;vious</source>
            <translation>البحث عن ال&amp;سابق</translation>
        </message>
        <message>
            <source>Select the previous match</source>
            <translation>تحديد النتيجة السابقة</translation>
        </message>
        <message>
            <source>Annotator &amp;name…</source>
            <translation>ا&amp;سم الموسِّم…</translation>
        </message>
        <message>
            <source>Change the name recorded on new annotations</source>
            <translation>تغيير الاسم المسجل على التوسيمات الجديدة</translation>
        </message>
        <message>
            <source>&amp;Link…</source>
            <translation>&amp;ربط…</translation>
        </message>
        <message>
            <source>Link the selected annotation: then click the other end (Tab and Enter also work; Esc cancels)</source>
            <translation>ربط التوسيم المحدد: ثم انقر الطرف الآخر (أو Tab ثم Enter؛ Esc للإلغاء)</translation>
        </message>
        <message>
            <source>Link to a &amp;listed span…</source>
            <translation>ربط بمقطع من &amp;قائمة…</translation>
        </message>
        <message>
            <source>Choose the other end of a link from a list, nearest first</source>
            <translation>اختيار الطرف الآخر للرابط من قائمة، الأقرب أولًا</translation>
        </message>
        <message>
            <source>Ne&amp;xt annotation</source>
            <translation>التوسيم ال&amp;تالي</translation>
        </message>
        <message>
            <source>Select the next annotation in reading order</source>
            <translation>تحديد التوسيم التالي بترتيب القراءة</translation>
        </message>
        <message>
            <source>Pre&amp;vious annotation</source>
            <translation>التوسيم ال&amp;سابق</translation>
        </message>
        <message>
            <source>Select the previous annotation in reading order</source>
            <translation>تحديد التوسيم السابق بترتيب القراءة</translation>
        </message>
        <message>
            <source>Next claim without a &amp;source</source>
            <translation>الادعاء التالي بلا &amp;مصدر</translation>
        </message>
        <message>
            <source>Select the next claim that has no source linked</source>
            <translation>تحديد الادعاء التالي الذي لم يُربط بمصدر</translation>
        </message>
        <message>
            <source>Edit &amp;attributes and note</source>
            <translation>تحرير ال&amp;سمات والملاحظة</translation>
        </message>
        <message>
            <source>Move the focus to the selected annotation's attributes (Esc comes back)</source>
            <translation>نقل التركيز إلى سمات التوسيم المحدد (Esc للعودة)</translation>
        </message>
        <message>
            <source>Grow to the left</source>
            <translation>توسيع إلى اليسار</translation>
        </message>
        <message>
            <source>Move the selected annotation's left edge to the left (grow): a word, or a character in exact-characters mode</source>
            <translation>تحريك الحافة اليسرى للتوسيم المحدد إلى اليسار (توسيع): كلمة، أو حرفًا في وضع الأحرف الدقيقة</translation>
        </message>
        <message>
            <source>Move the selected annotation's right edge to the right (grow): a word, or a character in exact-characters mode</source>
            <translation>تحريك الحافة اليمنى للتوسيم المحدد إلى اليمين (توسيع): كلمة، أو حرفًا في وضع الأحرف الدقيقة</translation>
        </message>
        <message>
            <source>Move the selected annotation's left edge to the right (shrink): a word, or a character in exact-characters mode</source>
            <translation>تحريك الحافة اليسرى للتوسيم المحدد إلى اليمين (تقليص): كلمة، أو حرفًا في وضع الأحرف الدقيقة</translation>
        </message>
        <message>
            <source>Move the selected annotation's right edge to the left (shrink): a word, or a character in exact-characters mode</source>
            <translation>تحريك الحافة اليمنى للتوسيم المحدد إلى اليسار (تقليص): كلمة، أو حرفًا في وضع الأحرف الدقيقة</translation>
        </message>
        <message>
            <source>Grow to the right</source>
            <translation>توسيع إلى اليمين</translation>
        </message>
        <message>
            <source>Shrink from the left</source>
            <translation>تقليص من اليسار</translation>
        </message>
        <message>
            <source>Shrink from the right</source>
            <translation>تقليص من اليمين</translation>
        </message>
        <message>
            <source>&amp;Exact characters</source>
            <translation>أحرف &amp;دقيقة</translation>
        </message>
        <message>
            <source>Select exact characters instead of whole words (holding Alt while dragging does the same once)</source>
            <translation>تحديد الأحرف بدقة بدل الكلمات الكاملة (الضغط على Alt أثناء السحب يفعل ذلك مرة واحدة)</translation>
        </message>
        <message>
            <source>Zoom &amp;in</source>
            <translation>ت&amp;كبير</translation>
        </message>
        <message>
            <source>Larger article text</source>
            <translation>نص مقال أكبر</translation>
        </message>
        <message>
            <source>Zoom &amp;out</source>
            <translation>ت&amp;صغير</translation>
        </message>
        <message>
            <source>Smaller article text</source>
            <translation>نص مقال أصغر</translation>
        </message>
        <message>
            <source>&amp;Normal size</source>
            <translation>الحجم ال&amp;عادي</translation>
        </message>
        <message>
            <source>Article text at its normal size</source>
            <translation>نص المقال بحجمه العادي</translation>
        </message>
        <message>
            <source>Mark &amp;done</source>
            <translation>تعليم كـ&amp;منجز</translation>
        </message>
        <message>
            <source>Mark this article done (again: back to in progress)</source>
            <translation>تعليم هذا المقال منجزًا (مرة أخرى: يعود قيد العمل)</translation>
        </message>
        <message>
            <source>&amp;Next article</source>
            <translation>المقال ال&amp;تالي</translation>
        </message>
        <message>
            <source>Open the next article</source>
            <translation>فتح المقال التالي</translation>
        </message>
        <message>
            <source>&amp;Previous article</source>
            <translation>المقال ال&amp;سابق</translation>
        </message>
        <message>
            <source>Open the previous article</source>
            <translation>فتح المقال السابق</translation>
        </message>
        <message>
            <source>Next &amp;unfinished article</source>
            <translation>المقال التالي &amp;غير المنجز</translation>
        </message>
        <message>
            <source>Open the next article that is not done</source>
            <translation>فتح المقال التالي الذي لم يُنجز</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>اختصارات &amp;لوحة المفاتيح</translation>
        </message>
        <message>
            <source>Every shortcut of the window</source>
            <translation>كل اختصارات النافذة</translation>
        </message>
        <message>
            <source>&amp;About annotator</source>
            <translation>&amp;عن annotator</translation>
        </message>
        <message>
            <source>Version and licences</source>
            <translation>الإصدار والتراخيص</translation>
        </message>
        <message>
            <source>A&amp;djudicate…</source>
            <translation>&amp;تحكيم…</translation>
        </message>
        <message>
            <source>Compare annotators and decide what goes into the gold layer (again: stop)</source>
            <translation>مقارنة الموسِّمين وتقرير ما يدخل الطبقة الذهبية (مرة أخرى: إيقاف)</translation>
        </message>
        <message>
            <source>&amp;Accept</source>
            <translation>&amp;قبول</translation>
        </message>
        <message>
            <source>Adjudicating: accept the candidate into gold, then go to the next undecided one</source>
            <translation>التحكيم: قبول المرشَّح في الطبقة الذهبية ثم الانتقال إلى التالي غير المحسوم</translation>
        </message>
        <message>
            <source>&amp;Reject</source>
            <translation>&amp;رفض</translation>
        </message>
        <message>
            <source>Adjudicating: reject the candidate, then go to the next undecided one</source>
            <translation>التحكيم: رفض المرشَّح ثم الانتقال إلى التالي غير المحسوم</translation>
        </message>
        <message>
            <source>&amp;Edit in gold</source>
            <translation>&amp;تحرير في الطبقة الذهبية</translation>
        </message>
        <message>
            <source>Adjudicating: accept the candidate and edit its gold copy's attributes and note</source>
            <translation>التحكيم: قبول المرشَّح وتحرير سمات نسخته الذهبية وملاحظتها</translation>
        </message>
        <message>
            <source>Re&amp;open</source>
            <translation>&amp;إعادة فتح</translation>
        </message>
        <message>
            <source>Adjudicating: undecide the candidate (its gold copy goes too)</source>
            <translation>التحكيم: إلغاء الحسم في المرشَّح (وتُحذف نسخته الذهبية أيضًا)</translation>
        </message>
        <message>
            <source>Next &amp;version</source>
            <translation>ال&amp;صيغة التالية</translation>
        </message>
        <message>
            <source>Adjudicating: choose the next annotator's version for Accept</source>
            <translation>التحكيم: اختيار صيغة الموسِّم التالي للقبول</translation>
        </message>
        <message>
            <source>Previous version</source>
            <translation>الصيغة السابقة</translation>
        </message>
        <message>
            <source>Adjudicating: choose the previous annotator's version for Accept</source>
            <translation>التحكيم: اختيار صيغة الموسِّم السابق للقبول</translation>
        </message>
        <message>
            <source>&amp;Next undecided</source>
            <translation>غير المحسوم ال&amp;تالي</translation>
        </message>
        <message>
            <source>Adjudicating: the next undecided candidate (after the last: the next article with some)</source>
            <translation>التحكيم: المرشَّح التالي غير المحسوم (بعد الأخير: المقال التالي الذي فيه مرشَّحات غير محسومة)</translation>
        </message>
        <message>
            <source>&amp;Previous undecided</source>
            <translation>غير المحسوم ال&amp;سابق</translation>
        </message>
        <message>
            <source>Adjudicating: the previous undecided candidate</source>
            <translation>التحكيم: المرشَّح السابق غير المحسوم</translation>
        </message>
        <message>
            <source>&amp;Automatic</source>
            <translation>&amp;تلقائي</translation>
        </message>
        <message>
            <source>Paragraphs run in the direction of the article's dominant script</source>
            <translation>تسير الفقرات في اتجاه الخط الغالب على المقال</translation>
        </message>
        <message>
            <source>&amp;Right to left</source>
            <translation>من الي&amp;مين إلى اليسار</translation>
        </message>
        <message>
            <source>Every paragraph of this article runs right to left</source>
            <translation>كل فقرات هذا المقال من اليمين إلى اليسار</translation>
        </message>
        <message>
            <source>&amp;Left to right</source>
            <translation>من الي&amp;سار إلى اليمين</translation>
        </message>
        <message>
            <source>Every paragraph of this article runs left to right</source>
            <translation>كل فقرات هذا المقال من اليسار إلى اليمين</translation>
        </message>
        <message>
            <source>Show all &amp;links</source>
            <translation>إظهار كل الر&amp;وابط</translation>
        </message>
        <message>
            <source>Draw every link in the visible part of the article (off: the selected annotation's)</source>
            <translation>رسم كل رابط في الجزء الظاهر من المقال (دونه: روابط التوسيم المحدد فقط)</translation>
        </message>
        <message>
            <source>&amp;Quick attributes…</source>
            <translation>سمات &amp;سريعة…</translation>
        </message>
        <message>
            <source>Set the selected annotation's attributes with one digit each (0 keeps one, Esc cancels)</source>
            <translation>تعيين سمات التوسيم المحدد برقم واحد لكل سمة (0 يبقيها، Esc يلغي)</translation>
        </message>
        <message>
            <source>&amp;Same attributes as the last</source>
            <translation>السمات &amp;نفسها كالسابق</translation>
        </message>
        <message>
            <source>Give the selected annotation the attributes of the last one of its label</source>
            <translation>إعطاء التوسيم المحدد سمات آخر توسيم من وسمه</translation>
        </message>
        <message>
            <source>&amp;Guidelines</source>
            <translation>الإ&amp;رشادات</translation>
        </message>
        <message>
            <source>Show or hide the guidelines: what each label, attribute and value means</source>
            <translation>إظهار الإرشادات أو إخفاؤها: معنى كل وسم وسمة وقيمة</translation>
        </message>
        <message>
            <source>Show &amp;suggestions</source>
            <translation>إظهار الا&amp;قتراحات</translation>
        </message>
        <message>
            <source>Show the suggested cues, sources and claims (dashed outlines); with some shown, Tab moves between them, Enter accepts, Backspace rejects, Shift+Enter accepts the whole attribution, Ctrl+Shift+Enter every one of its label</source>
            <translation>إظهار الأدوات والمصادر والادعاءات المقترحة (بإطار متقطع)؛ حين تظهر: Tab للتنقل بينها، Enter للقبول، Backspace للرفض، Shift+Enter لقبول الإسناد كاملاً، Ctrl+Shift+Enter لقبول كل ما له الوسم نفسه</translation>
        </message>
    </context>
    <context>
        <name>Adjudicating</name>
        <message>
            <source>Adjudication</source>
            <translation>التحكيم</translation>
        </message>
        <message>
            <source>Adjudicate</source>
            <translation>تحكيم</translation>
        </message>
        <message>
            <source>Adjudication compares two or more annotators, and this database has annotations by {0}. Merge the annotators' databases first (annotator merge team.db salma.db omar.db), then open the merged one.</source>
            <translation>يقارن التحكيم بين موسِّمَين أو أكثر، وفي هذه القاعدة توسيمات من: {0}. ادمج قواعد بيانات الموسِّمين أولًا (annotator merge team.db salma.db omar.db) ثم افتح القاعدة المدمجة.</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(بلا اسم)</translation>
        </message>
        <message>
            <source>nobody</source>
            <translation>لا أحد</translation>
        </message>
        <message>
            <source>Adjudicating into «{0}»: {1} of {2} candidates decided in all articles.</source>
            <translation>التحكيم في «{0}»: حُسم {1} من {2} من المرشَّحات في كل المقالات.</translation>
        </message>
        <message>
            <source>No undecided candidate further on in this article ({0} left before).</source>
            <translation>لا مرشَّح غير محسوم بعد هذا الموضع من المقال (بقي {0} قبله).</translation>
        </message>
        <message>
            <source>Every candidate of this article is decided.</source>
            <translation>حُسمت كل مرشَّحات هذا المقال.</translation>
        </message>
        <message>
            <source>The compared annotators marked nothing in this article.</source>
            <translation>لم يوسم الموسِّمون المقارَنون شيئًا في هذا المقال.</translation>
        </message>
        <message>
            <source>Opened the next article with undecided candidates.</source>
            <translation>فُتح المقال التالي الذي فيه مرشَّحات غير محسومة.</translation>
        </message>
        <message>
            <source>Choose a candidate first: N goes to the next undecided one.</source>
            <translation>اختر مرشَّحًا أولًا: N ينتقل إلى التالي غير المحسوم.</translation>
        </message>
        <message>
            <source>Accept {0}</source>
            <translation>قبول {0}</translation>
        </message>
        <message>
            <source>Accepted, with links to gold spans: {0}.</source>
            <translation>قُبل، مع روابط إلى مقاطع ذهبية: {0}.</translation>
        </message>
        <message>
            <source>Reject {0}</source>
            <translation>رفض {0}</translation>
        </message>
        <message>
            <source>This candidate is not decided.</source>
            <translation>هذا المرشَّح غير محسوم.</translation>
        </message>
        <message>
            <source>Reopen {0}</source>
            <translation>إعادة فتح {0}</translation>
        </message>
        <message>
            <source>Editing the gold copy of «{0}»: Alt+arrows move its edges; Esc goes back.</source>
            <translation>تحرير النسخة الذهبية من «{0}»: ‏Alt مع الأسهم يحرّك حدودها، وEsc للرجوع.</translation>
        </message>
        <message>
            <source>Already in gold: V chooses another version to accept instead.</source>
            <translation>موجود في الطبقة الذهبية: V يختار صيغة أخرى لقبولها بدلًا منه.</translation>
        </message>
    </context>
    <context>
        <name>AdjudicationDialog</name>
        <message>
            <source>Adjudicate</source>
            <translation>تحكيم</translation>
        </message>
        <message>
            <source>Compare the annotators' spans article by article, and accept, reject or edit each into the gold layer. New marks and edits are recorded under the gold name.</source>
            <translation>قارن مقاطع الموسِّمين مقالًا مقالًا، واقبل كلًّا منها في الطبقة الذهبية أو ارفضه أو حرّره. تُسجَّل التوسيمات والتعديلات الجديدة باسم الطبقة الذهبية.</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(بلا اسم)</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>المقارنة بين</translation>
        </message>
        <message>
            <source>Gold layer</source>
            <translation>الطبقة الذهبية</translation>
        </message>
        <message>
            <source>Choose two or more annotators.</source>
            <translation>اختر موسِّمَين أو أكثر.</translation>
        </message>
        <message>
            <source>Name the gold layer.</source>
            <translation>سمِّ الطبقة الذهبية.</translation>
        </message>
        <message>
            <source>The gold layer cannot be one of the annotators compared.</source>
            <translation>لا يمكن أن تكون الطبقة الذهبية أحد الموسِّمين المقارَنين.</translation>
        </message>
    </context>
    <context>
        <name>AdjudicationPanel</name>
        <message>
            <source>Label</source>
            <translation>الوسم</translation>
        </message>
        <message>
            <source>Marked by</source>
            <translation>وسمه</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>النص</translation>
        </message>
        <message>
            <source>Deciding into «{0}»; new marks and edits go there too.</source>
            <translation>القرارات تُسجَّل في «{0}»، وكذلك التوسيمات والتعديلات الجديدة.</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(بلا اسم)</translation>
        </message>
        <message>
            <source>This article: {0} of {1} decided</source>
            <translation>هذا المقال: حُسم {0} من {1}</translation>
        </message>
        <message>
            <source>All articles: {0} of {1} decided ({2}%)</source>
            <translation>كل المقالات: حُسم {0} من {1} ({2}%)</translation>
        </message>
        <message>
            <source>all</source>
            <translation>الجميع</translation>
        </message>
        <message>
            <source>Nothing to decide in this article.</source>
            <translation>لا شيء للحسم في هذا المقال.</translation>
        </message>
        <message>
            <source>Choose a candidate (N: the next undecided one).</source>
            <translation>اختر مرشَّحًا (N: التالي غير المحسوم).</translation>
        </message>
        <message>
            <source>Everyone marked it the same way.</source>
            <translation>وسمه الجميع بالطريقة نفسها.</translation>
        </message>
        <message>
            <source>Only {0} marked it.</source>
            <translation>وسمه {0} وحده.</translation>
        </message>
        <message>
            <source>The boundaries differ.</source>
            <translation>الحدود مختلفة.</translation>
        </message>
        <message>
            <source>The attributes differ.</source>
            <translation>السمات مختلفة.</translation>
        </message>
        <message>
            <source>Not marked by {0}.</source>
            <translation>لم يسمه {0}.</translation>
        </message>
        <message>
            <source>Accepted into gold.</source>
            <translation>مقبول في الطبقة الذهبية.</translation>
        </message>
        <message>
            <source>Rejected.</source>
            <translation>مرفوض.</translation>
        </message>
        <message>
            <source>Not decided yet.</source>
            <translation>لم يُحسم بعد.</translation>
        </message>
    </context>
    <context>
        <name>Annotating</name>
        <message>
            <source>Every claim has a source.</source>
            <translation>لكل ادعاء مصدر.</translation>
        </message>
        <message>
            <source>Select some text first: drag, double-click a word, or Shift+arrows.</source>
            <translation>حدّد نصًا أولًا: اسحب، أو انقر كلمة نقرًا مزدوجًا، أو استخدم Shift مع الأسهم.</translation>
        </message>
        <message>
            <source>The selection holds no word to mark.</source>
            <translation>لا يحتوي التحديد على كلمة للتوسيم.</translation>
        </message>
        <message>
            <source>This text is already marked {0}.</source>
            <translation>هذا النص موسوم أصلًا بـ{0}.</translation>
        </message>
        <message>
            <source>Mark {0}</source>
            <translation>توسيم {0}</translation>
        </message>
        <message>
            <source>Mark {0} and link it</source>
            <translation>توسيم {0} وربطه</translation>
        </message>
        <message>
            <source>Change label to {0}</source>
            <translation>تغيير الوسم إلى {0}</translation>
        </message>
        <message>
            <source>Select an annotation to delete (click it, or Tab to it).</source>
            <translation>حدّد توسيمًا لحذفه (انقره، أو انتقل إليه بـTab).</translation>
        </message>
        <message>
            <source>Delete annotation</source>
            <translation>حذف التوسيم</translation>
        </message>
        <message>
            <source>Delete {0} annotations</source>
            <translation>حذف {0} توسيمات</translation>
        </message>
        <message>
            <source>Select an annotation first (click it, or Tab to it).</source>
            <translation>حدّد توسيمًا أولًا (انقره، أو انتقل إليه بـTab).</translation>
        </message>
        <message>
            <source>That edge cannot move further.</source>
            <translation>لا يمكن تحريك هذه الحافة أكثر.</translation>
        </message>
        <message>
            <source>Move edge</source>
            <translation>تحريك الحافة</translation>
        </message>
        <message>
            <source>Set {0}</source>
            <translation>تعيين {0}</translation>
        </message>
        <message>
            <source>Edit note</source>
            <translation>تحرير الملاحظة</translation>
        </message>
        <message>
            <source>Select the claim (or source) to link first, then press L.</source>
            <translation>حدّد الادعاء (أو المصدر) المراد ربطه أولًا، ثم اضغط L.</translation>
        </message>
        <message>
            <source>Linking «{0}»: click the other end (dotted), or Tab and Enter; or select new text and press its label key. Esc cancels.</source>
            <translation>ربط «{0}»: انقر الطرف الآخر (المنقّط)، أو Tab ثم Enter؛ أو حدّد نصًا جديدًا واضغط مفتاح وسمه. Esc للإلغاء.</translation>
        </message>
        <message>
            <source>Linking cancelled.</source>
            <translation>أُلغي الربط.</translation>
        </message>
        <message>
            <source>The schema allows no link between these two.</source>
            <translation>لا يسمح المخطط بربط هذين.</translation>
        </message>
        <message>
            <source>Link {0}</source>
            <translation>ربط {0}</translation>
        </message>
        <message>
            <source>Linked: {0}.</source>
            <translation>تم الربط: {0}.</translation>
        </message>
        <message>
            <source>Select the claim (or source) to link first.</source>
            <translation>حدّد الادعاء (أو المصدر) المراد ربطه أولًا.</translation>
        </message>
        <message>
            <source>Nothing in this article can be linked to this annotation yet.</source>
            <translation>لا شيء في هذا المقال يمكن ربطه بهذا التوسيم بعد.</translation>
        </message>
        <message>
            <source>Unlink</source>
            <translation>فك الربط</translation>
        </message>
        <message>
            <source>Nothing marked: no text is selected, and the selected {0} «{1}» is off screen. Select text, or bring the {0} into view to relabel it.</source>
            <translation>لم يُعلَّم شيء: لا نص محددا، و{0} المحدد «{1}» خارج الشاشة. حدد نصا، أو اعرض {0} على الشاشة لتغيير وسمه.</translation>
        </message>
        <message>
            <source>«{0}» is already {1}.</source>
            <translation>«{0}» موسوم {1} بالفعل.</translation>
        </message>
        <message>
            <source>This article is done, so it is read-only: reopen it (Ctrl+Enter) to edit.</source>
            <translation>هذا المقال منتهٍ، فهو للقراءة فقط: أعد فتحه (Ctrl+Enter) لتعديله.</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>تعليم كمنتهٍ</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>إعادة الفتح</translation>
        </message>
        <message>
            <source>Set {0} attributes</source>
            <translation>تعيين {0} سمات</translation>
        </message>
        <message>
            <source>{0} has no attributes to set.</source>
            <translation>ليس لـ{0} سمات تعيَّن.</translation>
        </message>
        <message>
            <source>No earlier {0} has attributes to copy.</source>
            <translation>لا {0} سابق له سمات تنسخ.</translation>
        </message>
        <message>
            <source>Attributes copied from «{0}».</source>
            <translation>نُسخت السمات من «{0}».</translation>
        </message>
    </context>
    <context>
        <name>AnnotationDetails</name>
        <message>
            <source>Select an annotation to see and edit it.</source>
            <translation>حدّد توسيمًا لعرضه وتحريره.</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>الوسم</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>النص</translation>
        </message>
        <message>
            <source>A note for this annotation</source>
            <translation>ملاحظة على هذا التوسيم</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>ملاحظة</translation>
        </message>
        <message>
            <source>Links</source>
            <translation>الروابط</translation>
        </message>
        <message>
            <source>Link to…</source>
            <translation>ربط بـ…</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>حذف</translation>
        </message>
        <message>
            <source>{0} annotations selected. Delete removes them all.</source>
            <translation>{0} توسيمات محددة. الحذف يزيلها جميعًا.</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(بلا اسم)</translation>
        </message>
        <message>
            <source>{0} · characters {1}–{2}</source>
            <translation>{0} · الأحرف {1}–{2}</translation>
        </message>
        <message>
            <source>No source linked yet: press L, then click the source.</source>
            <translation>لم يُربط بمصدر بعد: اضغط L ثم انقر المصدر.</translation>
        </message>
        <message>
            <source>None</source>
            <translation>لا شيء</translation>
        </message>
        <message>
            <source>Show this annotation</source>
            <translation>عرض هذا التوسيم</translation>
        </message>
        <message>
            <source>Remove this link</source>
            <translation>إزالة هذا الرابط</translation>
        </message>
    </context>
    <context>
        <name>AnnotationPanel</name>
        <message>
            <source>Show the next claim that has no source</source>
            <translation>عرض الادعاء التالي الذي لا مصدر له</translation>
        </message>
        <message>
            <source>No article open</source>
            <translation>لا مقال مفتوح</translation>
        </message>
        <message>
            <source>Annotations: {0}</source>
            <translation>التوسيمات: {0}</translation>
        </message>
        <message>
            <source>Without a source: {0}</source>
            <translation>بلا مصدر: {0}</translation>
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>{0} could not be opened; this is {1}.</source>
            <translation>تعذّر فتح {0}؛ المفتوح الآن {1}.</translation>
        </message>
        <message>
            <source>Cannot open the database</source>
            <translation>تعذّر فتح قاعدة البيانات</translation>
        </message>
    </context>
    <context>
        <name>ArticleList</name>
        <message>
            <source>Search (diacritics and letter forms ignored)</source>
            <translation>بحث (مع تجاهل التشكيل وأشكال الحروف)</translation>
        </message>
        <message>
            <source>All</source>
            <translation>الكل</translation>
        </message>
        <message>
            <source>{0}{1} matching articles</source>
            <translation>{0}{1} مقالات مطابقة</translation>
        </message>
        <message>
            <source>{0} articles</source>
            <translation>{0} مقالات</translation>
        </message>
    </context>
    <context>
        <name>ArticleListModel</name>
        <message>
            <source>Title</source>
            <translation>العنوان</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>الحالة</translation>
        </message>
        <message>
            <source>Article {0}</source>
            <translation>المقال {0}</translation>
        </message>
    </context>
    <context>
        <name>AssignmentLabel</name>
        <message>
            <source>The articles assigned to you, and how many you marked done</source>
            <translation>المقالات المسندة إليك، وكم منها علّمته كمنجز</translation>
        </message>
        <message>
            <source>Your articles: {0} of {1} done</source>
            <translation>مقالاتك: {0} من {1} منجزة</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export</source>
            <translation>تصدير</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>الصيغة</translation>
        </message>
        <message>
            <source>All articles</source>
            <translation>كل المقالات</translation>
        </message>
        <message>
            <source>Articles marked done</source>
            <translation>المقالات المنجزة</translation>
        </message>
        <message>
            <source>Only the open article</source>
            <translation>المقال المفتوح فقط</translation>
        </message>
        <message>
            <source>Articles</source>
            <translation>المقالات</translation>
        </message>
        <message>
            <source>Everyone's annotations</source>
            <translation>توسيمات الجميع</translation>
        </message>
        <message>
            <source>Only mine ({0})</source>
            <translation>توسيماتي فقط ({0})</translation>
        </message>
        <message>
            <source>Annotations</source>
            <translation>التوسيمات</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>اختيار…</translation>
        </message>
        <message>
            <source>Write to</source>
            <translation>الكتابة إلى</translation>
        </message>
        <message>
            <source>Replace it if it exists</source>
            <translation>استبداله إن وُجد</translation>
        </message>
        <message>
            <source>Export to file</source>
            <translation>تصدير إلى ملف</translation>
        </message>
        <message>
            <source>Export to folder</source>
            <translation>تصدير إلى مجلد</translation>
        </message>
        <message>
            <source>Choose where to write the export.</source>
            <translation>اختر مكان كتابة التصدير.</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>جارٍ التصدير…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <source>Cancelled: nothing was written.</source>
            <translation>أُلغي: لم يُكتب شيء.</translation>
        </message>
        <message>
            <source>Wrote {0} articles, {1} annotations and {2} links to {3}.</source>
            <translation>كُتب {0} مقالات و{1} توسيمات و{2} روابط في {3}.</translation>
        </message>
        <message>
            <source>Only {0}'s</source>
            <translation>توسيمات {0} فقط</translation>
        </message>
    </context>
    <context>
        <name>FileMenu</name>
        <message>
            <source>New database</source>
            <translation>قاعدة بيانات جديدة</translation>
        </message>
        <message>
            <source>annotator databases (*.db);;All files (*)</source>
            <translation>قواعد بيانات annotator (*.db);;كل الملفات (*)</translation>
        </message>
        <message>
            <source>Open database</source>
            <translation>فتح قاعدة بيانات</translation>
        </message>
        <message>
            <source>(none yet)</source>
            <translation>(لا شيء بعد)</translation>
        </message>
        <message>
            <source>Import articles</source>
            <translation>استيراد مقالات</translation>
        </message>
        <message>
            <source>Articles ({0});;All files (*)</source>
            <translation>مقالات ({0});;كل الملفات (*)</translation>
        </message>
        <message>
            <source>Import a folder</source>
            <translation>استيراد مجلد</translation>
        </message>
    </context>
    <context>
        <name>FindBar</name>
        <message>
            <source>Find:</source>
            <translation>بحث:</translation>
        </message>
        <message>
            <source>Words to find (diacritics and و ب ل ال… ignored) — Enter selects</source>
            <translation>الكلمات المطلوبة (يُتجاهل التشكيل و و ب ل ال…) — Enter يحددها</translation>
        </message>
        <message>
            <source>Suffixes</source>
            <translation>اللواحق</translation>
        </message>
        <message>
            <source>Also find words with pronoun suffixes (ه ها هم نا ي …) and plurals in ات</source>
            <translation>ابحث أيضا عن الكلمات بضمائرها المتصلة (ه ها هم نا ي …) وجمعها بـ ات</translation>
        </message>
        <message>
            <source>Previous match (Shift+F3)</source>
            <translation>النتيجة السابقة (Shift+F3)</translation>
        </message>
        <message>
            <source>Next match (F3)</source>
            <translation>النتيجة التالية (F3)</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>إغلاق (Esc)</translation>
        </message>
        <message>
            <source>no match</source>
            <translation>لا نتائج</translation>
        </message>
        <message>
            <source>{0} of {1}</source>
            <translation>{0} من {1}</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Importing articles…</source>
            <translation>جارٍ استيراد المقالات…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>استيراد</translation>
        </message>
        <message>
            <source>Imported {0} articles.</source>
            <translation>استُورد {0} مقالات.</translation>
        </message>
        <message>
            <source>With {0} annotations and {1} links.</source>
            <translation>مع {0} توسيمات و{1} روابط.</translation>
        </message>
        <message>
            <source>{0} annotations added to {1} existing articles.</source>
            <translation>أُضيفت {0} توسيمات إلى {1} من المقالات الموجودة.</translation>
        </message>
        <message>
            <source>{0} were already in the database (same text).</source>
            <translation>{0} موجودة أصلًا في قاعدة البيانات (النص نفسه).</translation>
        </message>
        <message>
            <source>{0} skipped: see the details for why.</source>
            <translation>تُخطّي {0}: انظر التفاصيل لمعرفة السبب.</translation>
        </message>
        <message>
            <source>Cancelled: what was imported before stays.</source>
            <translation>أُلغي: ما استُورد قبل الإلغاء يبقى.</translation>
        </message>
    </context>
    <context>
        <name>LabelPalette</name>
        <message>
            <source>Labels</source>
            <translation>الوسوم</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Read-only</source>
            <translation>للقراءة فقط</translation>
        </message>
        <message>
            <source>Articles</source>
            <translation>المقالات</translation>
        </message>
        <message>
            <source>Annotations</source>
            <translation>التوسيمات</translation>
        </message>
        <message>
            <source>The name recorded on your annotations (click to change)</source>
            <translation>الاسم المسجل على توسيماتك (انقر لتغييره)</translation>
        </message>
        <message>
            <source>There is no article {0} in this database.</source>
            <translation>لا يوجد مقال رقم {0} في قاعدة البيانات هذه.</translation>
        </message>
        <message>
            <source>This database has no articles yet. Import some with File &gt; Import articles… (Ctrl+I), or drop files on this window.</source>
            <translation>لا مقالات في قاعدة البيانات هذه بعد. استورد بعضها من ملف &gt; استيراد مقالات… (Ctrl+I)، أو أفلت الملفات على هذه النافذة.</translation>
        </message>
        <message>
            <source>Open article</source>
            <translation>فتح مقال</translation>
        </message>
        <message>
            <source>Every article is done.</source>
            <translation>كل المقالات منجزة.</translation>
        </message>
        <message>
            <source>This is the last article.</source>
            <translation>هذا آخر مقال.</translation>
        </message>
        <message>
            <source>This is the first article.</source>
            <translation>هذا أول مقال.</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>تعليم كمنجز</translation>
        </message>
        <message>
            <source>Marked done. Ctrl+Shift+PgDown opens the next unfinished article.</source>
            <translation>عُلّم منجزًا. Ctrl+Shift+PgDown يفتح المقال التالي غير المنجز.</translation>
        </message>
        <message>
            <source>Article {0}</source>
            <translation>المقال {0}</translation>
        </message>
        <message>
            <source>Select an annotation first (click it, or Tab to it).</source>
            <translation>حدّد توسيمًا أولًا (انقره، أو انتقل إليه بـTab).</translation>
        </message>
        <message>
            <source>Exact characters</source>
            <translation>أحرف دقيقة</translation>
        </message>
        <message>
            <source>Whole words</source>
            <translation>كلمات كاملة</translation>
        </message>
        <message>
            <source>Text size {0}%</source>
            <translation>حجم النص {0}%</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>لم يُحفظ</translation>
        </message>
        <message>
            <source>Change refused</source>
            <translation>رُفض التغيير</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>محفوظ</translation>
        </message>
        <message>
            <source>Saving</source>
            <translation>جارٍ الحفظ</translation>
        </message>
        <message>
            <source>Every change is written to {0} as you make it; there is no Save command. Last write: {1}.</source>
            <translation>يُكتب كل تغيير في {0} فور إجرائه؛ لا حاجة إلى أمر حفظ. آخر كتابة: {1}.</translation>
        </message>
        <message>
            <source>Annotator: {0}</source>
            <translation>الموسِّم: {0}</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(بلا اسم)</translation>
        </message>
        <message>
            <source>About annotator</source>
            <translation>عن annotator</translation>
        </message>
        <message>
            <source>annotator {0}

Mark claims, their sources and cues in Arabic news articles.
Every change is saved at once to the database file.

Article font: Noto Naskh Arabic, SIL Open Font License 1.1.</source>
            <translation>annotator {0}

توسيم الادعاءات ومصادرها وعبارات إسنادها في الأخبار العربية.
يُحفظ كل تغيير فورًا في ملف قاعدة البيانات.

خط المقالات: Noto Naskh Arabic، برخصة SIL Open Font License 1.1.</translation>
        </message>
        <message>
            <source>Marked done: read-only until reopened (Ctrl+Enter). Ctrl+Shift+PgDown opens the next unfinished article.</source>
            <translation>عُلِّم كمنتهٍ: للقراءة فقط حتى يعاد فتحه (Ctrl+Enter). يفتح Ctrl+Shift+PgDown المقال التالي غير المنتهي.</translation>
        </message>
        <message>
            <source>Reopened: the article can be edited again.</source>
            <translation>أعيد فتحه: يمكن تعديل المقال من جديد.</translation>
        </message>
        <message>
            <source>Guidelines</source>
            <translation>الإرشادات</translation>
        </message>
    </context>
    <context>
        <name>Menus</name>
        <message>
            <source>Undone: {0}</source>
            <translation>تم التراجع: {0}</translation>
        </message>
        <message>
            <source>Redone: {0}</source>
            <translation>أُعيد: {0}</translation>
        </message>
        <message>
            <source>Mark the selection as {0}, or relabel the selected annotation</source>
            <translation>توسيم التحديد بـ{0}، أو تغيير وسم التوسيم المحدد</translation>
        </message>
        <message>
            <source>Mark exactly the selected characters as {0}</source>
            <translation>توسيم الأحرف المحددة بدقة بـ{0}</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;ملف</translation>
        </message>
        <message>
            <source>Open &amp;recent</source>
            <translation>فتح &amp;حديث</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;تحرير</translation>
        </message>
        <message>
            <source>A&amp;nnotation</source>
            <translation>ت&amp;وسيم</translation>
        </message>
        <message>
            <source>Mark e&amp;xactly as</source>
            <translation>توسيم &amp;دقيق بـ</translation>
        </message>
        <message>
            <source>&amp;Boundaries</source>
            <translation>ال&amp;حدود</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;عرض</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>ال&amp;لغة</translation>
        </message>
        <message>
            <source>A&amp;rticle</source>
            <translation>م&amp;قال</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>م&amp;ساعدة</translation>
        </message>
        <message>
            <source>Export is not available in this installation.</source>
            <translation>التصدير غير متاح في هذا التثبيت.</translation>
        </message>
        <message>
            <source>Mark as</source>
            <translation>توسيم بـ</translation>
        </message>
        <message>
            <source>Mark exactly as</source>
            <translation>توسيم دقيق بـ</translation>
        </message>
        <message>
            <source>Change label to</source>
            <translation>تغيير الوسم إلى</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>نسخ</translation>
        </message>
        <message>
            <source>A&amp;djudication</source>
            <translation>&amp;تحكيم</translation>
        </message>
        <message>
            <source>Paragraph &amp;direction</source>
            <translation>ا&amp;تجاه الفقرات</translation>
        </message>
    </context>
    <context>
        <name>NameDialog</name>
        <message>
            <source>Your name</source>
            <translation>اسمك</translation>
        </message>
        <message>
            <source>annotator records who made each annotation. Type the name (or initials) that your project uses for you. You can change it later in Edit &gt; Annotator name.</source>
            <translation>يسجّل annotator صاحب كل توسيم. اكتب الاسم (أو الأحرف الأولى) الذي يستخدمه مشروعك لك. يمكنك تغييره لاحقًا من تحرير &gt; اسم الموسِّم.</translation>
        </message>
    </context>
    <context>
        <name>ReadOnly</name>
        <message>
            <source>Read-only: {0} cannot be written (the file or its folder is read-only). You can read, search and export; to annotate, copy it to a folder you can write and open the copy.</source>
            <translation>للقراءة فقط: لا يمكن الكتابة في {0} (الملف أو مجلده للقراءة فقط). يمكنك القراءة والبحث والتصدير؛ للتوسيم انسخه إلى مجلد تستطيع الكتابة فيه وافتح النسخة.</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Mark the selection as {0} (or relabel the selected annotation)</source>
            <translation>توسيم التحديد بـ{0} (أو تغيير وسم التوسيم المحدد)</translation>
        </message>
        <message>
            <source>Mark exactly the selected characters as {0}</source>
            <translation>توسيم الأحرف المحددة بدقة بـ{0}</translation>
        </message>
        <message>
            <source>Cancel linking; clear the selection</source>
            <translation>إلغاء الربط؛ إلغاء التحديد</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>اختصارات لوحة المفاتيح</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>المفاتيح</translation>
        </message>
        <message>
            <source>What it does</source>
            <translation>ما تفعله</translation>
        </message>
    </context>
    <context>
        <name>names</name>
        <message>
            <source>Note</source>
            <translation>ملاحظة</translation>
        </message>
        <message>
            <source>No source linked</source>
            <translation>لم يُربط بمصدر</translation>
        </message>
    </context>
    <context>
        <name>schema</name>
        <message>
            <source>CLAIM</source>
            <translation>ادعاء</translation>
        </message>
        <message>
            <source>SOURCE</source>
            <translation>مصدر</translation>
        </message>
        <message>
            <source>CUE</source>
            <translation>عبارة إسناد</translation>
        </message>
        <message>
            <source>ATTRIBUTED_TO</source>
            <translation>منسوب إلى</translation>
        </message>
        <message>
            <source>HAS_CUE</source>
            <translation>بعبارة</translation>
        </message>
        <message>
            <source>RELAYED_BY</source>
            <translation>منقول عن</translation>
        </message>
        <message>
            <source>SAME_AS</source>
            <translation>هو نفسه</translation>
        </message>
        <message>
            <source>claim_type</source>
            <translation>نوع الادعاء</translation>
        </message>
        <message>
            <source>checkworthy</source>
            <translation>جدير بالتحقق</translation>
        </message>
        <message>
            <source>quote_type</source>
            <translation>نوع الاقتباس</translation>
        </message>
        <message>
            <source>voice</source>
            <translation>الصوت</translation>
        </message>
        <message>
            <source>hedged</source>
            <translation>متحفَّظ فيه</translation>
        </message>
        <message>
            <source>source_kind</source>
            <translation>نوع المصدر</translation>
        </message>
        <message>
            <source>specificity</source>
            <translation>درجة التحديد</translation>
        </message>
        <message>
            <source>cue_form</source>
            <translation>صيغة العبارة</translation>
        </message>
        <message>
            <source>cue_stance</source>
            <translation>موقف العبارة</translation>
        </message>
        <message>
            <source>factual</source>
            <translation>وقائعي</translation>
        </message>
        <message>
            <source>opinion</source>
            <translation>رأي</translation>
        </message>
        <message>
            <source>prediction</source>
            <translation>توقّع</translation>
        </message>
        <message>
            <source>mixed</source>
            <translation>مختلط</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>نعم</translation>
        </message>
        <message>
            <source>no</source>
            <translation>لا</translation>
        </message>
        <message>
            <source>unsure</source>
            <translation>غير متأكد</translation>
        </message>
        <message>
            <source>direct</source>
            <translation>مباشر</translation>
        </message>
        <message>
            <source>indirect</source>
            <translation>غير مباشر</translation>
        </message>
        <message>
            <source>none</source>
            <translation>بلا</translation>
        </message>
        <message>
            <source>attributed</source>
            <translation>منسوب</translation>
        </message>
        <message>
            <source>author</source>
            <translation>الكاتب</translation>
        </message>
        <message>
            <source>unattributed</source>
            <translation>غير منسوب</translation>
        </message>
        <message>
            <source>person</source>
            <translation>شخص</translation>
        </message>
        <message>
            <source>official_body</source>
            <translation>جهة رسمية</translation>
        </message>
        <message>
            <source>media</source>
            <translation>وسيلة إعلام</translation>
        </message>
        <message>
            <source>organisation</source>
            <translation>منظمة</translation>
        </message>
        <message>
            <source>document</source>
            <translation>وثيقة</translation>
        </message>
        <message>
            <source>other</source>
            <translation>أخرى</translation>
        </message>
        <message>
            <source>named</source>
            <translation>مسمّى</translation>
        </message>
        <message>
            <source>role_only</source>
            <translation>بالصفة فقط</translation>
        </message>
        <message>
            <source>anonymous</source>
            <translation>مجهول</translation>
        </message>
        <message>
            <source>speech_verb</source>
            <translation>فعل قول</translation>
        </message>
        <message>
            <source>cognition_verb</source>
            <translation>فعل إدراك</translation>
        </message>
        <message>
            <source>prepositional</source>
            <translation>جار ومجرور</translation>
        </message>
        <message>
            <source>noun</source>
            <translation>اسم</translation>
        </message>
        <message>
            <source>punctuation</source>
            <translation>علامة ترقيم</translation>
        </message>
        <message>
            <source>neutral</source>
            <translation>محايد</translation>
        </message>
        <message>
            <source>distancing</source>
            <translation>متباعد</translation>
        </message>
        <message>
            <source>endorsing</source>
            <translation>مؤيِّد</translation>
        </message>
    </context>
    <context>
        <name>status</name>
        <message>
            <source>new</source>
            <translation>جديد</translation>
        </message>
        <message>
            <source>in progress</source>
            <translation>قيد العمل</translation>
        </message>
        <message>
            <source>done</source>
            <translation>منجز</translation>
        </message>
    </context>
    <context>
        <name>QuickAttributes</name>
        <message>
            <source>Digit: choose · 0: keep · Backspace: back · Enter: done · Esc</source>
            <translation>رقم: اختيار · 0: إبقاء · Backspace: رجوع · Enter: تم · Esc</translation>
        </message>
    </context>
    <context>
        <name>Guidelines</name>
        <message>
            <source>Labels</source>
            <translation>الوسوم</translation>
        </message>
        <message>
            <source>Links</source>
            <translation>الروابط</translation>
        </message>
    </context>
    <context>
        <name>Learning</name>
        <message>
            <source>Learning from %1 annotated articles…</source>
            <translation>التعلّم من %1 مقالاً موسوماً…</translation>
        </message>
        <message>
            <source>Learning failed: %1</source>
            <translation>تعذّر التعلّم: %1</translation>
        </message>
        <message>
            <source>Learned from %1 articles; cross-validated F1: %2</source>
            <translation>تعلّم من %1 مقالاً؛ مقياس F1 بالتحقق المتقاطع: %2</translation>
        </message>
    </context>
    <context>
        <name>Suggesting</name>
        <message>
            <source>Show &amp;suggestions</source>
            <translation>إظهار الا&amp;قتراحات</translation>
        </message>
        <message>
            <source>Show the suggested cues, sources and claims (dashed outlines)</source>
            <translation>إظهار المؤشرات والمصادر والادعاءات المقترحة (بإطار متقطع)</translation>
        </message>
        <message>
            <source>Suggestions pending: %1</source>
            <translation>اقتراحات معلّقة: %1</translation>
        </message>
        <message>
            <source>accept suggestion</source>
            <translation>قبول الاقتراح</translation>
        </message>
        <message>
            <source>reject suggestion</source>
            <translation>رفض الاقتراح</translation>
        </message>
        <message>
            <source>accept attribution</source>
            <translation>قبول الإسناد كاملاً</translation>
        </message>
        <message>
            <source>accept every %1</source>
            <translation>قبول كل %1</translation>
        </message>
    </context>
</TS>
