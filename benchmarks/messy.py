"""A labelled, messy set of contact records for the entity-resolution benchmark.

:func:`generate` makes people of four cultures (Russian, Hindi, Tamil, American/English) and
writes each of them into 1-5 records of the sources a small business has: CRM sheets, Google
exports, mail headers and vCards, each source with its own region. Every record carries the
truth: who it is (``person_id``), the household they share an address and a home phone with, the
group of namesakes (same given and family name in the same city) and the wider group of people
of the same given and family name in any city they belong to. The mess is
what real contact data has: several scripts and transliteration schemes, diminutives and
nicknames, one-edit typos, given and family swapped, initials, missing fields, local phone
formats, email case and dots, dates in local orders (now and then in the wrong one), a second or
a changed email, company names with and without their legal form. Nothing here knows how
Rapport or Splink resolve.

Deterministic: the same ``(n_records, seed, params)`` gives the same rows on any machine.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
import string
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import phonenumbers

#: Bump when the output for a seed changes: it keys the benchmark's cache.
GENERATOR_VERSION = 2
#: The day the set is made on: birthdays are before it, and the normaliser is told so.
TODAY = dt.date(2026, 6, 1)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Params:
    """The generator's knobs; benchmarks/README.md explains each."""

    records_per_person: tuple[float, ...] = (0.35, 0.30, 0.20, 0.10, 0.05)  # P(1..5 records)
    cultures: tuple[tuple[str, float], ...] = (
        ("ru", 0.40),
        ("hi", 0.20),
        ("ta", 0.12),
        ("en", 0.28),
    )
    # Family names from the head list (the rest from the tail of rare ones), per culture; Tamil
    # "family names" are fathers' given names.
    common_family: tuple[tuple[str, float], ...] = (("ru", 0.12), ("hi", 0.75), ("en", 0.22))
    # Hindi and Tamil given names from the head list (the rest compounds), per culture.
    common_given: tuple[tuple[str, float], ...] = (("hi", 0.80), ("ta", 0.80))
    household_start: float = 0.02  # a drawn person starts a household of 2-4
    namesake_start: float = 0.009  # a drawn person gets one or two namesakes
    changed_email: float = 0.08  # has an old and a new personal email
    work_email: float = 0.30  # of people with a company
    home_phone: float = 0.25  # of people outside households
    away_source: float = 0.15  # a record lands in another region's source
    name_typo: float = 0.05  # one edit in the given or the family name
    email_typo: float = 0.02  # one edit in an email's local part
    swap_names: float = 0.03  # given and family exchanged
    initial_only: float = 0.04  # "I. Smirnov"
    short_form: float = 0.10  # a diminutive or nickname instead of the given name
    case_mess: float = 0.04  # ALL CAPS or all lower case
    email_case: float = 0.10  # Ivan.Smirnov@Mail.ru
    wrong_date_order: float = 0.02  # a CRM birthday written in the other day/month order


@dataclass(frozen=True, slots=True)
class Row:
    """One source record with its truth labels; ``fields`` are cells as a spreadsheet holds
    them, several emails or phones joined by ``" ::: "`` as Google exports do."""

    person_id: int
    household_id: int | None
    namesake_group: int | None  # same given and family name, same city
    name_group: int | None  # same given and family name, any city
    source: str
    region: str
    record_key: str
    fields: dict[str, str]


#: Source name -> (kind, region for phones and dates).
SOURCES: dict[str, tuple[str, str]] = {
    "crm_ru": ("crm", "RU"),
    "crm_in": ("crm", "IN"),
    "crm_us": ("crm", "US"),
    "google_ru": ("google", "RU"),
    "google_in": ("google", "IN"),
    "google_us": ("google", "US"),
    "mail": ("mail", "RU"),
    "vcard_ru": ("vcard", "RU"),
    "vcard_in": ("vcard", "IN"),
    "vcard_us": ("vcard", "US"),
}
_KIND_WEIGHTS = (("crm", 0.35), ("google", 0.25), ("mail", 0.25), ("vcard", 0.15))
_ORDERS = {"RU": "DMY", "IN": "DMY", "US": "MDY"}

# ---------------------------------------------------------------------------------------------
# Name, place and company lists. Family and given names are in rough order of frequency.

RU_MALE = """
Александр Alexander Саша Александров; Сергей Sergey Серёжа Сергеев; Дмитрий Dmitry Дима Дмитриев;
Андрей Andrey Андрюша Андреев; Алексей Alexey Лёша Алексеев; Максим Maxim Макс Максимов; Евгений
Evgeny Женя Евгеньев; Иван Ivan Ваня Иванов; Михаил Mikhail Миша Михайлов; Артём Artem Тёма
Артёмов; Николай Nikolay Коля Николаев; Владимир Vladimir Володя Владимиров; Павел Pavel Паша
Павлов; Роман Roman Рома Романов; Денис Denis - Денисов; Антон Anton Тоша Антонов; Олег Oleg -
Олегов; Игорь Igor - Игорев; Юрий Yuri Юра Юрьев; Виктор Victor Витя Викторов; Константин
Konstantin Костя Константинов; Владислав Vladislav Влад Владиславов; Кирилл Kirill Кирюша Кириллов;
Вадим Vadim Вадик Вадимов; Илья Ilya Илюша Ильич/Ильинична; Никита Nikita - Никитич/Никитична; Егор
Egor - Егоров; Григорий Grigory Гриша Григорьев; Станислав Stanislav Стас Станиславов; Виталий
Vitaly Виталик Витальев; Анатолий Anatoly Толя Анатольев; Борис Boris Боря Борисов; Валерий Valery
Валера Валерьев; Вячеслав Vyacheslav Слава Вячеславов; Георгий Georgy Жора Георгиев; Леонид Leonid
Лёня Леонидов; Пётр Petr Петя Петров; Геннадий Gennady Гена Геннадьев; Фёдор Fedor Федя Фёдоров;
Тимур Timur - Тимуров; Ярослав Yaroslav Ярик Ярославов; Василий Vasily Вася Васильев; Степан Stepan
Стёпа Степанов; Глеб Gleb - Глебов; Руслан Ruslan - Русланов; Аркадий Arkady Аркаша Аркадьев; Семён
Semyon Сёма Семёнов; Яков Yakov Яша Яковлев; Эдуард Eduard Эдик Эдуардов; Тимофей Timofey Тима
Тимофеев; Матвей Matvey - Матвеев; Даниил Daniil Даня Даниилов; Лев Lev Лёва Львов; Арсений
Arseny - Арсеньев; Богдан Bogdan - Богданов; Всеволод Vsevolod Сева Всеволодов; Герман German -
Германов; Давид David - Давидов; Захар Zakhar - Захаров; Марк Mark - Марков; Платон Platon -
Платонов; Ростислав Rostislav Слава Ростиславов; Савелий Savely - Савельев; Святослав Svyatoslav
Слава Святославов; Тарас Taras - Тарасов; Филипп Philipp - Филиппов; Ефим Efim Фима Ефимов;
Вениамин Veniamin Веня Вениаминов; Ян Yan - Янов; Лука Luka - Лукич/Лукинична; Мирон Miron -
Миронов; Родион Rodion Родя Родионов; Прохор Prokhor - Прохоров; Елисей Elisey - Елисеев; Назар
Nazar - Назаров; Марат Marat - Маратов; Альберт Albert Алик Альбертов; Демьян Demyan Дёма Демьянов
"""
RU_FEMALE = """
Елена Elena Лена; Ольга Olga Оля; Наталья Natalia Наташа; Екатерина Ekaterina Катя; Анна Anna Аня;
Татьяна Tatiana Таня; Мария Maria Маша; Ирина Irina Ира; Светлана Svetlana Света; Юлия Julia Юля;
Анастасия Anastasia Настя; Марина Marina -; Людмила Lyudmila Люда; Галина Galina Галя; Надежда
Nadezhda Надя; Валентина Valentina Валя; Дарья Daria Даша; Ксения Ksenia Ксюша; Виктория Victoria
Вика; Алина Alina -; Полина Polina Поля; Евгения Evgenia Женя; Александра Alexandra Саша; Вера Vera
-; Любовь Lyubov Люба; Оксана Oksana -; Кристина Kristina -; Алёна Alena -; Валерия Valeria Лера;
Елизавета Elizaveta Лиза; Софья Sofia Соня; Маргарита Margarita Рита; Нина Nina -; Лариса Larisa -;
Вероника Veronika Ника; Диана Diana -; Яна Yana -; Инна Inna -; Жанна Zhanna -; Зоя Zoya -; Тамара
Tamara Тома; Лидия Lidia Лида; Раиса Raisa Рая; Василиса Vasilisa -; Ульяна Ulyana Уля; Майя Maya
-; Арина Arina -; Варвара Varvara Варя; Эльвира Elvira -; Кира Kira -; Ангелина Angelina Геля;
Антонина Antonina Тоня; Зинаида Zinaida Зина; Злата Zlata -; Инга Inga -; Клавдия Klavdia Клава;
Лилия Lilia Лиля; Милана Milana -; Нелли Nelli -; Регина Regina -; Снежана Snezhana -; Таисия Taisia
Тая; Эвелина Evelina -; Алла Alla -; Анжела Angela -; Виолетта Violetta -; Дина Dina -; Ева Eva -;
Римма Rimma -; Элина Elina -; Стефания Stefania -; Мирослава Miroslava Мира; Ярослава Yaroslava -;
Серафима Serafima Сима; Алиса Alisa -; Олеся Olesya -
"""
RU_FAMILY = """
Смирнов Иванов Кузнецов Соколов Попов Лебедев Козлов Новиков Морозов Петров Волков Соловьёв
Васильев Зайцев Павлов Семёнов Голубев Виноградов Богданов Воробьёв Фёдоров Михайлов Беляев Тарасов
Белов Комаров Орлов Киселёв Макаров Андреев Ковалёв Ильин Гусев Титов Кузьмин Кудрявцев Баранов
Куликов Алексеев Степанов Яковлев Сорокин Сергеев Романов Захаров Борисов Королёв Герасимов
Пономарёв Григорьев Лазарев Медведев Ершов Никитин Соболев Рябов Поляков Цветков Данилов Жуков
Фролов Журавлёв Николаев Крылов Максимов Сидоров Осипов Белоусов Федотов Дорофеев Егоров Матвеев
Бобров Дмитриев Калинин Анисимов Петухов Антонов Тимофеев Никифоров Веселов Филиппов Марков
Большаков Суханов Миронов Ширяев Александров Коновалов Шестаков Казаков Ефимов Денисов Громов Фомин
Давыдов Мельников Щербаков Блинов Колесников Карпов Афанасьев Власов Маслов Исаков Тихонов Аксёнов
Гаврилов Родионов Котов Горбунов Кудряшов Быков Зуев Третьяков Савельев Панов Рыбаков Суворов
Абрамов Воронов Мухин Архипов Трофимов Мартынов Емельянов Горшков Чернов Овчинников Селезнёв
Панфилов Копылов Михеев Галкин Назаров Лобанов Лукин Беляков Потапов Некрасов Хохлов Жданов Наумов
Шилов Воронцов Ермаков Дроздов Игнатьев Савин Логинов Сафонов Капустин Кириллов Моисеев Елисеев
Кошелев Костин Горбачёв Орехов Ефремов Исаев Евдокимов Калашников Коваленко Шевченко Бондаренко
Ткаченко Кравченко Шевчук Черных Седых Вишневский Островский Троицкий Чайковский Толстой Успенский
Покровский
"""
HI_MALE = """
राहुल Rahul; अमित Amit; सुनील Sunil; अनिल Anil; राजेश Rajesh; संजय Sanjay; विजय Vijay; अजय Ajay;
मनोज Manoj; दीपक Deepak,Dipak; रवि Ravi; सुरेश Suresh; रमेश Ramesh; महेश Mahesh; दिनेश Dinesh;
राकेश Rakesh; मुकेश Mukesh; अशोक Ashok; विनोद Vinod; प्रदीप Pradeep,Pradip; नितिन Nitin; आदित्य
Aditya; अर्जुन Arjun; रोहित Rohit; विकास Vikas; गौरव Gaurav; सौरभ Saurabh,Sourabh; अंकित Ankit;
अभिषेक Abhishek; आकाश Akash; विशाल Vishal; सचिन Sachin; योगेश Yogesh; हरीश Harish; नरेश Naresh;
सिद्धार्थ Siddharth,Sidharth; कृष्ण Krishna; गणेश Ganesh; प्रकाश Prakash; अनुराग Anurag; मोहित
Mohit; पंकज Pankaj; तरुण Tarun; वरुण Varun; आशीष Ashish,Asish; कुणाल Kunal; हर्ष Harsh; शिवम Shivam;
संदीप Sandeep,Sandip; सुमित Sumit; मनीष Manish; अरविंद Arvind,Aravind; नीरज Neeraj,Niraj; संतोष
Santosh; सतीश Satish; विवेक Vivek; प्रवीण Praveen,Pravin; राजीव Rajeev,Rajiv; नवीन Naveen,Navin;
अनूप Anoop,Anup; आलोक Alok; अतुल Atul; पवन Pawan,Pavan; प्रमोद Pramod; प्रशांत Prashant; रंजीत
Ranjeet,Ranjit; सुधीर Sudhir; सुशील Sushil; उमेश Umesh; विनय Vinay; विक्रम Vikram; अरुण Arun; अक्षय
Akshay; अंकुर Ankur; अभय Abhay; अमर Amar; अमन Aman; अनुज Anuj; अखिलेश Akhilesh; भरत Bharat; चेतन
Chetan; दिलीप Dilip,Dileep; धीरज Dheeraj,Dhiraj; गोपाल Gopal; गिरीश Girish; गोविंद Govind; हेमंत
Hemant; हिमांशु Himanshu; जगदीश Jagdish; कमल Kamal; कपिल Kapil; करण Karan; कैलाश Kailash; किशोर
Kishore,Kishor; ललित Lalit; लोकेश Lokesh; मयंक Mayank; मोहन Mohan; मुकुल Mukul; निखिल Nikhil;
पुनीत Puneet,Punit; राघव Raghav; रितेश Ritesh; रजनीश Rajneesh,Rajnish; शशि Shashi; श्याम Shyam;
सोनू Sonu; तुषार Tushar; उदय Uday; वैभव Vaibhav; विपिन Vipin; विमल Vimal; यश Yash; अंशुल Anshul;
अभिनव Abhinav; आयुष Ayush; आर्यन Aryan; अनमोल Anmol; भूपेंद्र Bhupendra,Bhupender; बृजेश Brijesh;
चंदन Chandan; धर्मेंद्र Dharmendra,Dharmender; देवेंद्र Devendra,Devender; हरि Hari; जितेंद्र
Jitendra,Jitender; जय Jay,Jai; महेंद्र Mahendra,Mahender; नरेंद्र Narendra,Narender;
राजेंद्र Rajendra,Rajender; रविंद्र Ravindra,Ravinder; सुरेंद्र Surendra,Surender; वीरेंद्र
Virendra,Virender; शैलेंद्र Shailendra; योगेंद्र Yogendra; उपेंद्र Upendra; नागेंद्र Nagendra;
ज्ञानेंद्र Gyanendra; पुष्पेंद्र Pushpendra; सत्येंद्र Satyendra; शिव Shiv; ओमप्रकाश Omprakash;
जयप्रकाश Jaiprakash,Jayprakash; चंद्रशेखर Chandrashekhar,Chandrasekhar; भानु Bhanu; बलराम Balram;
बिपिन Bipin; दुष्यंत Dushyant; देवेश Devesh; दिव्यांश Divyansh; दुर्गेश Durgesh; गौतम Gautam; गगन
Gagan; घनश्याम Ghanshyam; गुलशन Gulshan; हर्षित Harshit; इंद्रजीत Inderjeet,Indrajeet; ईश्वर Ishwar;
जसवंत Jaswant; जयंत Jayant; कुलदीप Kuldeep,Kuldip; कमलेश Kamlesh; केशव Keshav; कुंदन Kundan; लक्ष्मण
Laxman,Lakshman; मदन Madan; मनमोहन Manmohan; मनोहर Manohar; मिथिलेश Mithilesh; मृत्युंजय Mrityunjay;
मुन्ना Munna; नंदकिशोर Nandkishore,Nandkishor; निर्मल Nirmal; नीतीश Nitish; ओम Om; पारस Paras; पीयूष
Piyush; प्रेम Prem; प्रभात Prabhat; प्रिंस Prince; राम Ram; रामकुमार Ramkumar; रघुनाथ Raghunath; रमन
Raman; राजकुमार Rajkumar; राजन Rajan; रूपेश Rupesh; ऋषभ Rishabh; ऋषि Rishi; ऋतिक Ritik,Hrithik; सागर
Sagar; समीर Sameer,Samir; संजीव Sanjeev,Sanjiv; सत्यम Satyam; शेखर Shekhar; शुभम Shubham; सोमनाथ
Somnath; सुभाष Subhash; सुदर्शन Sudarshan; सुखदेव Sukhdev; सूरज Suraj; त्रिलोक Trilok; वेद Ved;
विनीत Vineet,Vinit; विश्वनाथ Vishwanath; विष्णु Vishnu; यशपाल Yashpal; युवराज Yuvraj; अजीत
Ajeet,Ajit; अनिरुद्ध Anirudh,Aniruddh; अंकुश Ankush; अर्पित Arpit; आशुतोष Ashutosh; बबलू Bablu; बिनोद
Binod; छोटेलाल Chhotelal; दयाराम Dayaram; देवराज Devraj; धनंजय Dhananjay; दीपांशु Deepanshu; गिरधारी
Girdhari; हरिओम Hariom; हरप्रीत Harpreet; जगमोहन Jagmohan; कन्हैया Kanhaiya; कार्तिक Kartik,Karthik;
कौशल Kaushal; लखन Lakhan; मनजीत Manjeet,Manjit; महावीर Mahavir,Mahaveer; मोतीलाल Motilal; नवनीत
Navneet; निशांत Nishant; पप्पू Pappu; परमजीत Paramjeet,Paramjit; प्रताप Pratap; प्रह्लाद Prahlad;
प्रियांशु Priyanshu; पुरुषोत्तम Purushottam; राधेश्याम Radheshyam; रामचंद्र Ramchandra; रामप्रसाद
Ramprasad; रामबाबू Rambabu; रमाकांत Ramakant; राजू Raju; रिंकू Rinku; रोशन Roshan; सौरव Saurav,Sourav;
शंकर Shankar; शत्रुघ्न Shatrughan; सुरजीत Surjeet,Surjit; तेजपाल Tejpal; तेजस Tejas; उत्तम Uttam;
वासुदेव Vasudev; विनायक Vinayak; विराट Virat; विश्वास Vishwas; अवनीश Avnish; उज्ज्वल Ujjwal; यशवंत
Yashwant; रामेश्वर Rameshwar; कृष्णकांत Krishnakant; सूर्यकांत Suryakant; शिवकुमार Shivkumar;
रामनिवास Ramniwas; जगत Jagat; हेमराज Hemraj; गुरप्रीत Gurpreet; अमरजीत Amarjeet,Amarjit; बलवंत
Balwant; भगवान Bhagwan; चंद्रप्रकाश Chandraprakash; दीनदयाल Deendayal; धर्मपाल Dharampal; गजेंद्र
Gajendra; हरिशंकर Harishankar; जगन्नाथ Jagannath; कामेश्वर Kameshwar; लालचंद Lalchand; मंगल Mangal;
नारायण Narayan; पुष्कर Pushkar; राजबीर Rajbir,Rajveer; सत्यपाल Satyapal; श्रवण Shravan,Sharwan;
तिलक Tilak; उमाशंकर Umashankar; वीरपाल Veerpal; अनुपम Anupam; अमितेश Amitesh; आनंद Anand; भावेश
Bhavesh; चिराग Chirag; देवांश Devansh; ध्रुव Dhruv; गौरांग Gaurang; हार्दिक Hardik; ईशान Ishaan,Ishan;
जतिन Jatin; कुशल Kushal; माधव Madhav; नकुल Nakul; ओजस Ojas; पार्थ Parth; प्रणव Pranav; रजत Rajat;
सार्थक Sarthak; तनमय Tanmay; उत्कर्ष Utkarsh; वत्सल Vatsal; यतिन Yatin
"""
HI_FEMALE = """
प्रीति Preeti,Priti; पूजा Pooja,Puja; नेहा Neha; प्रिया Priya; अंजलि Anjali; सुनीता Sunita; अनीता
Anita; कविता Kavita; रेखा Rekha; सीमा Seema,Sima; ममता Mamta,Mamata; लक्ष्मी Lakshmi,Laxmi; गीता
Geeta,Gita; रीता Rita,Reeta; सरिता Sarita; दीपिका Deepika,Dipika; स्वाति Swati; श्वेता
Shweta,Sweta; निधि Nidhi; रुचि Ruchi; शालिनी Shalini; आरती Aarti,Arti; ज्योति Jyoti; मीना
Meena,Mina; उषा Usha; रश्मि Rashmi; सोनिया Sonia; पल्लवी Pallavi; अर्चना Archana; वंदना Vandana;
नीलम Neelam,Nilam; ऋचा Richa; अदिति Aditi; कोमल Komal; मोनिका Monika,Monica; सपना Sapna; रजनी
Rajni,Rajani; किरण Kiran; माधुरी Madhuri; अपर्णा Aparna; भारती Bharti,Bharati; प्रियंका Priyanka;
पूनम Poonam,Punam; मनीषा Manisha; संगीता Sangeeta,Sangita; सुमन Suman; दिव्या Divya; निशा Nisha;
अनुराधा Anuradha; अंकिता Ankita; आशा Asha; अंजू Anju; अल्का Alka; अमृता Amrita; बबीता Babita;
भावना Bhavna,Bhawna; दीपा Deepa; दीप्ति Deepti,Dipti; गरिमा Garima; गायत्री Gayatri; हेमा Hema;
इंदु Indu; जया Jaya; कल्पना Kalpana; कमला Kamla,Kamala; कंचन Kanchan; काजल Kajal; कुसुम Kusum;
खुशबू Khushboo,Khushbu; लता Lata; ललिता Lalita; मधु Madhu; मंजू Manju; माया Maya; मेघा Megha;
नंदिनी Nandini; नम्रता Namrata; नीतू Neetu,Nitu; निर्मला Nirmala; पुष्पा Pushpa; राधा Radha; राखी
Rakhi; रानी Rani; रंजना Ranjana; रेणु Renu; रितु Ritu; साक्षी Sakshi; संध्या Sandhya; सरोज Saroj;
शिल्पा Shilpa; शिखा Shikha; शोभा Shobha; श्रुति Shruti; सुधा Sudha; सुषमा Sushma; स्नेहा Sneha;
सोनम Sonam; उमा Uma; वर्षा Varsha; विद्या Vidya; अनामिका Anamika; अनु Anu; अर्पिता Arpita; आकांक्षा
Akanksha; अनुपमा Anupama; अनुष्का Anushka; बबली Babli; बिंदु Bindu; चंदा Chanda; चंचल Chanchal;
चित्रा Chitra; दुर्गा Durga; गुड्डी Guddi; गुंजन Gunjan; हर्षा Harsha; इंदिरा Indira; ईशा Isha;
जानकी Janaki; ज्योत्स्ना Jyotsna; करुणा Karuna; कृतिका Kritika; कुमुद Kumud; लीला Leela,Lila; मालती
Malti,Malati; मीनाक्षी Meenakshi; मोना Mona; मुस्कान Muskan; नैना Naina; नीता Neeta,Nita; नूतन Nutan;
पद्मा Padma; पार्वती Parvati; पिंकी Pinky; प्रतिभा Pratibha; प्रेमलता Premlata; रूपा Rupa; रोशनी
Roshni; सरला Sarla; शकुंतला Shakuntala; शांति Shanti; शारदा Sharda,Sharada; श्रद्धा Shraddha; सुमित्रा
Sumitra; सोनल Sonal; सुलोचना Sulochana; सुशीला Sushila; तनुजा Tanuja; तान्या Tanya; तृप्ति Tripti;
उर्मिला Urmila; विनीता Vinita,Vineeta; वैशाली Vaishali; यामिनी Yamini; अंबिका Ambika; अन्नपूर्णा
Annapurna; अरुणा Aruna; आभा Abha; बीना Beena,Bina; चारु Charu; डिंपल Dimple; एकता Ekta; गौरी Gauri;
हेमलता Hemlata; इला Ila; जागृति Jagriti; जूही Juhi; कामिनी Kamini; मालिनी Malini; मंजरी Manjari;
मीरा Meera,Mira; मृदुला Mridula; नलिनी Nalini; नीरू Neeru; नीलिमा Neelima; निकिता Nikita; पायल
Payal; प्रगति Pragati; प्रभा Prabha; प्रेरणा Prerna; रचना Rachna,Rachana; रागिनी Ragini; रत्ना Ratna;
रिया Riya; रीना Reena,Rina; रूबी Ruby; सरस्वती Saraswati; शैलजा Shailja; शीतल Sheetal,Shital;
शिवानी Shivani; सिमरन Simran; सुरभि Surbhi; स्मिता Smita; सुप्रिया Supriya; सुजाता Sujata; तारा Tara;
उर्वशी Urvashi; वीणा Veena,Vina; विभा Vibha; विमला Vimla,Vimala; यशोदा Yashoda; अंशिका Anshika;
आराधना Aradhana; भूमि Bhumi; दामिनी Damini; ईशिता Ishita; कनिका Kanika; महिमा Mahima; मानसी
Mansi,Manasi; पारुल Parul; प्रज्ञा Pragya; रुपाली Rupali; श्रेया Shreya; तनीषा Tanisha; वर्तिका
Vartika; अपूर्वा Apoorva,Apurva; अवनि Avni; चेतना Chetna; दीक्षा Diksha; गीतांजलि
Geetanjali,Gitanjali; हिमानी Himani; कीर्ति Kirti,Keerti; निहारिका Niharika; पूर्णिमा
Purnima,Poornima; राधिका Radhika; रेवती Revati; सलोनी Saloni; सविता Savita; सीता Sita,Seeta; शिप्रा
Shipra; सुनैना Sunaina; विजया Vijaya; वृंदा Vrinda; गुरप्रीत Gurpreet; हरप्रीत Harpreet; मनप्रीत
Manpreet; जसप्रीत Jaspreet; कमलेश Kamlesh; सुखविंदर Sukhwinder
"""
# Indian given names are often compounds; these make the long tail (रामप्रकाश Ramprakash).
HI_MALE_PARTS = (
    "राम Ram; श्याम Shyam; शिव Shiv; हरि Hari; ओम Om; जय Jai; वेद Ved; प्रेम Prem; धर्म Dharam; "
    "सत्य Satya; चंद्र Chandra; सूर्य Surya; ब्रज Brij; नंद Nand; राज Raj; देव Dev; विश्व Vishwa; "
    "जगत Jagat; कृष्ण Krishna; इंद्र Indra; रवि Ravi; उमा Uma; कमल Kamal; ज्ञान Gyan; दया Daya; "
    "गंगा Ganga; राधा Radha; हेम Hem; रूप Roop; दीन Deen; अमर Amar; विजय Vijay; शशि Shashi; "
    "रमा Rama; उदय Uday; जगन Jagan; मन Man; गिरि Giri; लक्ष्मी Laxmi; बाल Bal",
    "प्रकाश prakash; किशोर kishore; मोहन mohan; लाल lal; चंद chand; पाल pal; नाथ nath; "
    "देव dev; दास das; वीर veer; कांत kant; शंकर shankar; नारायण narayan; प्रसाद prasad; "
    "कुमार kumar; भूषण bhushan; प्रताप pratap; बिहारी bihari; दत्त dutt; शरण sharan; "
    "गोपाल gopal; सुंदर sundar; पति pati; चरण charan",
)
HI_FEMALE_PARTS = (
    "प्रेम Prem; हेम Hem; स्वर्ण Swarn; कनक Kanak; स्नेह Sneh; पुष्प Pushpa; कुसुम Kusum; "
    "मंजु Manju; चंद्र Chandra; शशि Shashi; राज Raj; विद्या Vidya; कला Kala; भाग्य Bhagya; "
    "राम Ram; शांति Shanti; ज्ञान Gyan; सुमन Suman; किरण Kiran; मधु Madhu; इंदु Indu; रूप Roop; "
    "उमा Uma; सरस्वती Saraswati; पद्म Padma; धन Dhan; सत्य Satya; विमल Vimal",
    "लता lata; वती wati; प्रभा prabha; रानी rani; कुमारी kumari; बाला bala; ज्योति jyoti; "
    "माला mala; लक्ष्मी laxmi; कांता kanta; रेखा rekha; मती mati",
)
HI_FAMILY = """
कुमार Kumar; सिंह Singh; शर्मा Sharma; वर्मा Verma; गुप्ता Gupta; यादव Yadav; मिश्रा Mishra,Misra;
पांडे Pandey,Pande; श्रीवास्तव Srivastava,Shrivastava; तिवारी Tiwari; जैन Jain; अग्रवाल
Agarwal,Aggarwal; चौहान Chauhan; दुबे Dubey,Dube; त्रिपाठी Tripathi; शुक्ला Shukla; सक्सेना Saxena;
मेहता Mehta; पटेल Patel; जोशी Joshi; कपूर Kapoor,Kapur; मल्होत्रा Malhotra; चौधरी
Chaudhary,Choudhary; भट्ट Bhatt,Bhat; सिन्हा Sinha; प्रसाद Prasad; राय Rai,Roy; झा Jha; शाह Shah;
ठाकुर Thakur; रावत Rawat; पाठक Pathak; द्विवेदी Dwivedi; रस्तोगी Rastogi; बंसल Bansal; गोयल Goyal;
खन्ना Khanna; अरोड़ा Arora; नेगी Negi; चतुर्वेदी Chaturvedi; उपाध्याय Upadhyay,Upadhyaya; ओझा Ojha;
गर्ग Garg; मित्तल Mittal; सेठ Seth; भारद्वाज Bhardwaj,Bharadwaj; निगम Nigam; राठौर Rathore,Rathod;
तोमर Tomar; सोलंकी Solanki; परमार Parmar; राजपूत Rajput; मौर्य Maurya; कुशवाहा Kushwaha; पाल Pal;
प्रजापति Prajapati; विश्वकर्मा Vishwakarma; चौरसिया Chaurasia; जायसवाल Jaiswal; केसरवानी Kesarwani;
मोदी Modi; माथुर Mathur; भटनागर Bhatnagar; खरे Khare; अस्थाना Asthana; कुलश्रेष्ठ Kulshrestha;
सहाय Sahay; दास Das; घोष Ghosh; बोस Bose,Basu; बनर्जी Banerjee; चटर्जी Chatterjee; मुखर्जी Mukherjee;
भट्टाचार्य Bhattacharya; चक्रवर्ती Chakraborty; दत्ता Dutta,Datta; सेन Sen; सरकार Sarkar; विश्वास
Biswas; मंडल Mandal,Mondal; साहा Saha; गांगुली Ganguly; मजूमदार Majumdar; मित्रा Mitra; पॉल Paul; डे
Dey; पाटिल Patil; कुलकर्णी Kulkarni; देशपांडे Deshpande; जाधव Jadhav; पवार Pawar; शिंदे Shinde;
गायकवाड़ Gaikwad; चव्हाण Chavan; देशमुख Deshmukh; काले Kale; भोसले Bhosale; कदम Kadam; माने Mane;
कांबले Kamble; सावंत Sawant; आप्टे Apte; गोखले Gokhale; फडके Phadke; साठे Sathe; रानडे Ranade; मोरे
More; देसाई Desai; पारिख Parikh; त्रिवेदी Trivedi; पंड्या Pandya; व्यास Vyas; दवे Dave; ठक्कर
Thakkar; कोठारी Kothari; दोशी Doshi; अमीन Amin; गांधी Gandhi; आहूजा Ahuja; भाटिया Bhatia; चोपड़ा
Chopra; धवन Dhawan; ग्रोवर Grover; कोहली Kohli; मेहरा Mehra; सेठी Sethi; साहनी Sahni; टंडन Tandon;
आनंद Anand; बेदी Bedi; चावला Chawla; दुआ Dua; गिल Gill; संधू Sandhu; सिद्धू Sidhu; ढिल्लों Dhillon;
ग्रेवाल Grewal; बाजवा Bajwa; रंधावा Randhawa; मान Mann; सूद Sood; वालिया Walia; बत्रा Batra; नारंग
Narang; खुराना Khurana; सचदेवा Sachdeva; तलवार Talwar; माहेश्वरी Maheshwari; खंडेलवाल Khandelwal;
गोयनका Goenka; बजाज Bajaj; सिंघानिया Singhania; पोद्दार Poddar; लोहिया Lohia; भंडारी Bhandari;
सुराणा Surana; डागा Daga; राठी Rathi; सोमानी Somani; सिंघल Singhal; जिंदल Jindal; कंसल Kansal; नायर
Nair; मेनन Menon; पिल्लई Pillai; रेड्डी Reddy; राव Rao; नायडू Naidu; शेट्टी Shetty; हेगड़े Hegde;
कामत Kamath; पै Pai; शेनॉय Shenoy; अय्यर Iyer; अयंगर Iyengar; बघेल Baghel; भदौरिया Bhadauria; सेंगर
Sengar; बुंदेला Bundela; गौर Gaur; भार्गव Bhargava; पुरोहित Purohit; शास्त्री Shastri; आचार्य
Acharya; दीक्षित Dixit,Dikshit; अवस्थी Awasthi; बाजपेयी Bajpai,Vajpayee; अग्निहोत्री Agnihotri;
चौबे Chaubey; त्यागी Tyagi; बिष्ट Bisht; नौटियाल Nautiyal; डोभाल Doval,Dobhal; उनियाल Uniyal; पंत
Pant; कांडपाल Kandpal; बहुगुणा Bahuguna; रौतेला Rautela; गुसाईं Gusain; कश्यप Kashyap; वशिष्ठ
Vashisht,Vashistha; गौतम Gautam; अत्री Atri; पासवान Paswan; राम Ram; रविदास Ravidas; मांझी Manjhi;
निषाद Nishad; लोधी Lodhi; साहू Sahu; सोनी Soni; बरनवाल Barnwal; शाक्य Shakya; सैनी Saini; धीमान
Dhiman; जांगिड़ Jangid; सुथार Suthar; मीणा Meena; गुर्जर Gurjar; बेनीवाल Beniwal; पूनिया Poonia;
डागर Dagar; हुड्डा Hooda; मलिक Malik; दहिया Dahiya; सांगवान Sangwan; राणा Rana; कटारिया Kataria;
भाटी Bhati; शेखावत Shekhawat; हाड़ा Hada; सिसोदिया Sisodia; झाला Jhala; जडेजा Jadeja; वाघेला
Vaghela; गोहिल Gohil; चंदेल Chandel; बिसेन Bisen; पुरी Puri; गोस्वामी Goswami; गिरि Giri; वाधवा
Wadhwa; मदान Madan; गोगिया Gogia; डंग Dang; बब्बर Babbar; छाबड़ा Chhabra; कक्कड़ Kakkar; ओबेरॉय
Oberoi; सभरवाल Sabharwal; सहगल Sehgal; सरीन Sareen; सलूजा Saluja; गुलाटी Gulati; मक्कड़ Makkar;
तनेजा Taneja; विज Vij; भसीन Bhasin; जग्गी Jaggi; नंदा Nanda; सोढ़ी Sodhi; बराड़ Brar; चीमा Cheema;
विर्क Virk; सेखों Sekhon; औलख Aulakh; तूर Toor
"""
# The rare tail of Indian family names: from a home town, with -kar, -ia or -wala (Nagpurkar,
# Jaipuria, Kanpurwala), as Marathi, Marwari and Gujarati names are formed.
HI_TAIL = (
    "जयपुर Jaipur; नागपुर Nagpur; कानपुर Kanpur; बीकानेर Bikaner; अजमेर Ajmer; उदयपुर Udaipur; "
    "जोधपुर Jodhpur; सोलापुर Solapur; कोल्हापुर Kolhapur; बेलगाम Belgaum; इंदौर Indor; भोपाल Bhopal; "
    "ग्वालियर Gwalior; उज्जैन Ujjain; रतलाम Ratlam; देवास Dewas; जबलपुर Jabalpur; रायपुर Raipur; "
    "बिलासपुर Bilaspur; लातूर Latur; नांदेड़ Nanded; नासिक Nashik; मिरज Miraj; कराड Karad; "
    "अहमदनगर Ahmednagar; जलगांव Jalgaon; भुसावल Bhusawal; चंद्रपुर Chandrapur; सूरत Surat; "
    "भावनगर Bhavnagar; राजकोट Rajkot; जामनगर Jamnagar; पोरबंदर Porbandar; जूनागढ़ Junagadh; "
    "भरूच Bharuch; पालनपुर Palanpur; अलवर Alwar; भरतपुर Bharatpur; सीकर Sikar; नागौर Nagaur; "
    "बाड़मेर Barmer; जैसलमेर Jaisalmer; चित्तौड़ Chittor; टोंक Tonk; अलीगढ़ Aligarh; मेरठ Meerut; "
    "मुरादाबाद Moradabad; रामपुर Rampur; शाहजहांपुर Shahjahanpur; फ़ैज़ाबाद Faizabad; बहराइच Bahraich; "
    "सीतापुर Sitapur; सुल्तानपुर Sultanpur; प्रतापगढ़ Pratapgarh; जौनपुर Jaunpur; आज़मगढ़ Azamgarh; "
    "ग़ाज़ीपुर Ghazipur; मिर्ज़ापुर Mirzapur; गोरखपुर Gorakhpur; मुज़फ़्फ़रपुर Muzaffarpur; भागलपुर Bhagalpur; "
    "सीवान Siwan; हज़ारीबाग Hazaribagh; धनबाद Dhanbad; जमशेदपुर Jamshedpur; "
    "संबलपुर Sambalpur; हिसार Hisar; रोहतक Rohtak; करनाल Karnal; पानीपत Panipat; अमृतसर Amritsar; "
    "जालंधर Jalandhar; हरिद्वार Haridwar; नैनीताल Nainital; सहारनपुर Saharanpur; फ़िरोज़पुर Firozpur; "
    "बुलंदशहर Bulandshahr; हापुड़ Hapur; सोनीपत Sonipat",
    "कर kar; िया ia; वाला wala",
)
TA_MALE = """
கார்த்திக் Karthik,Kartik; முருகன் Murugan; செந்தில் Senthil; சுரேஷ் Suresh; ரமேஷ் Ramesh; பாலாஜி
Balaji; விக்னேஷ் Vignesh; அருண் Arun; பிரகாஷ் Prakash; சரவணன் Saravanan; கணேஷ் Ganesh; ராஜா Raja;
குமார் Kumar; வெங்கடேஷ் Venkatesh; சுப்பிரமணியன் Subramanian,Subramaniam; ராமசாமி
Ramasamy,Ramaswamy; கிருஷ்ணன் Krishnan; நடராஜன் Natarajan; சிவா Siva,Shiva; பாண்டியன்
Pandian,Pandiyan; ஆனந்த் Anand; விஜய் Vijay; அசோக் Ashok; மணி Mani; சதீஷ் Sathish,Satish; தினேஷ்
Dinesh; ராஜேஷ் Rajesh; ஸ்ரீராம் Sriram; ரவி Ravi; கோபால் Gopal; பழனி Palani; சண்முகம் Shanmugam;
வேலு Velu; முத்து Muthu; அருள் Arul; செந்தில்குமார் Senthilkumar; சிவகுமார் Sivakumar,Shivakumar;
முத்துக்குமார் Muthukumar; பாலமுருகன் Balamurugan; ராஜ்குமார் Rajkumar; வினோத் Vinoth,Vinod;
மணிகண்டன் Manikandan; கார்த்திகேயன் Karthikeyan; பிரபு Prabhu,Prabu; பாஸ்கர் Baskar,Bhaskar;
சுந்தர் Sundar; ஜெயக்குமார் Jayakumar; கோவிந்தராஜ் Govindaraj; ராமச்சந்திரன் Ramachandran;
ராஜேந்திரன் Rajendran; ராஜசேகர் Rajasekar,Rajasekhar; சந்திரசேகர் Chandrasekar,Chandrasekhar;
சேகர் Sekar,Sekhar; மோகன் Mohan; மகேஷ் Mahesh; நாராயணன் Narayanan; கந்தசாமி Kandasamy; பழனிசாமி
Palanisamy,Palaniswami; பெரியசாமி Periyasamy; தங்கராஜ் Thangaraj; சக்திவேல் Sakthivel; செல்வம்
Selvam; செல்வராஜ் Selvaraj; கண்ணன் Kannan; கோபி Gopi; ஹரி Hari; லோகேஷ் Lokesh; நாகராஜ் Nagaraj;
நவீன் Naveen; பிரவீன் Praveen; ரஞ்சித் Ranjith; சங்கர் Sankar,Shankar; சந்தோஷ் Santhosh; சீனிவாசன்
Srinivasan,Seenivasan; ஸ்ரீதர் Sridhar; தனசேகரன் Dhanasekaran; வசந்த் Vasanth; அரவிந்த்
Aravind,Arvind; அஸ்வின் Ashwin,Aswin; அஜித் Ajith; ஆறுமுகம் Arumugam; பாலகிருஷ்ணன் Balakrishnan;
பாலு Balu; தீபக் Deepak; குணசேகரன் Gunasekaran; ஹரிஹரன் Hariharan; ஜெயராமன் Jayaraman; காளிமுத்து
Kalimuthu; முருகேசன் Murugesan; பெருமாள் Perumal; பிரசாந்த் Prasanth,Prashanth; ராதாகிருஷ்ணன்
Radhakrishnan; ராம்குமார் Ramkumar; சம்பத் Sampath; வடிவேல் Vadivel; வெங்கட்ராமன்
Venkatraman,Venkataraman; விக்ரம் Vikram; யுவராஜ் Yuvaraj; பிரபாகரன் Prabhakaran; பாஸ்கரன்
Baskaran,Bhaskaran; சுந்தரம் Sundaram; ஜெகதீஷ் Jagadish,Jagadeesh; கோவிந்தன் Govindan; ராமலிங்கம்
Ramalingam; ராமநாதன் Ramanathan; ராஜசேகரன் Rajasekaran; சந்திரன் Chandran; மகேந்திரன் Mahendran;
வேலுசாமி Velusamy; முத்துசாமி Muthusamy; சின்னசாமி Chinnasamy; கருப்பசாமி Karuppasamy; துரைசாமி
Duraisamy; பொன்னுசாமி Ponnusamy; குப்புசாமி Kuppusamy; ரங்கசாமி Rangasamy; மாரியப்பன் Mariappan;
முனியாண்டி Muniyandi; கருப்பையா Karuppiah,Karuppaiah; சுப்பையா Subbiah,Subbaiah; அழகர் Azhagar,Alagar;
அழகேசன் Azhagesan,Alagesan; தங்கவேல் Thangavel; வெற்றிவேல் Vetrivel; செல்வகுமார் Selvakumar;
தமிழ்செல்வன் Tamilselvan; அன்பழகன் Anbazhagan,Anbalagan; அன்பு Anbu; இளங்கோ Elango,Ilango;
இளையராஜா Ilayaraja,Ilaiyaraja; கலைச்செல்வன் Kalaiselvan; கதிர் Kathir; கதிரேசன் Kathiresan; கோபிநாத்
Gopinath; கௌதம் Gautham,Gowtham; ஜெயபால் Jayapal; மதன் Madhan,Madan; மணிவண்ணன் Manivannan; மாதவன்
Madhavan; மூர்த்தி Murthy,Moorthy; கிருஷ்ணமூர்த்தி Krishnamoorthy,Krishnamurthy; சத்தியமூர்த்தி
Sathyamoorthy; நாகராஜன் Nagarajan; நந்தகுமார் Nandakumar; நரேஷ் Naresh; நிர்மல் Nirmal; பரமசிவம்
Paramasivam; பார்த்திபன் Parthiban; பாண்டி Pandi; பன்னீர்செல்வம் Panneerselvam; பரணி Bharani,Barani;
பூபதி Boopathy,Bhupathi; புகழேந்தி Pugazhendhi; ராகவன் Raghavan; ராஜன் Rajan; ராஜமாணிக்கம்
Rajamanickam; ரகு Ragu,Raghu; ரத்தினம் Rathinam; சாமிநாதன் Saminathan,Swaminathan; சரத் Sarath;
சத்யா Sathya; ஸ்ரீநிவாஸ் Srinivas; சுதாகர் Sudhakar; சுகுமார் Sukumar; சுப்பிரமணி Subramani; சுரேந்தர்
Surendar; சூர்யா Surya; தனபால் Dhanapal; தட்சிணாமூர்த்தி Dakshinamoorthy; தாமோதரன் Damodaran;
தியாகராஜன் Thiyagarajan,Thyagarajan; திருநாவுக்கரசு Thirunavukkarasu; திருமலை Thirumalai; திருமூர்த்தி
Thirumoorthy; தேவராஜ் Devaraj; தேவேந்திரன் Devendran; துரை Durai; உதயகுமார் Udhayakumar,Udayakumar;
உமாசங்கர் Umashankar; வசந்தகுமார் Vasanthakumar; வரதராஜன் Varadharajan,Varadarajan; வள்ளியப்பன்
Valliappan; வீரப்பன் Veerappan; வீரமணி Veeramani; வேணு Venu; வேணுகோபால் Venugopal; விஸ்வநாதன்
Viswanathan; வைத்தியநாதன் Vaithiyanathan,Vaidyanathan; ஏழுமலை Ezhumalai; அய்யனார் Ayyanar; அர்ஜுன்
Arjun; அபிஷேக் Abhishek; ஆதி Aadhi,Adhi; அண்ணாமலை Annamalai; அறிவழகன் Arivazhagan,Arivalagan;
அய்யப்பன் Ayyappan; பாலசுப்பிரமணியன் Balasubramanian; பாரதி Bharathi; சின்னதுரை Chinnadurai;
சிதம்பரம் Chidambaram; தினகரன் Dhinakaran,Dinakaran; தனுஷ் Dhanush; ஏகாம்பரம் Ekambaram; கணபதி
Ganapathy; குருசாமி Gurusamy; ஹரீஷ் Harish; இளவரசன் Ilavarasan; ஜெயந்த் Jayanth; ஜீவா Jeeva; கமல்
Kamal; கண்ணதாசன் Kannadasan; கார்மேகம் Karmegam; கேசவன் Kesavan; கிருபாகரன் Kirubakaran; குமரேசன்
Kumaresan; குணா Guna; லட்சுமணன் Lakshmanan; மாணிக்கம் Manickam; மணிமாறன் Manimaran; மாரிமுத்து
Marimuthu; மயில்சாமி Mayilsamy; முத்துராமன் Muthuraman; முத்துவேல் Muthuvel; நடேசன் Nadesan; நல்லதம்பி
Nallathambi; நெடுஞ்செழியன் Nedunchezhiyan; பச்சையப்பன் Pachaiyappan; பழனிவேல் Palanivel; பொன்னம்பலம்
Ponnambalam; பிரேம் Prem; ரமணன் Ramanan; ராம் Ram; சண்முகசுந்தரம் Shanmugasundaram; சேதுராமன்
Sethuraman; சிவராமன் Sivaraman; சிவசங்கர் Sivasankar; சோமசுந்தரம் Somasundaram; சுந்தரராஜன்
Sundararajan; தங்கமணி Thangamani; திருப்பதி Tirupathi; வைரமுத்து Vairamuthu; வேல்முருகன் Velmurugan;
விமல் Vimal; விஷ்ணு Vishnu; கிஷோர் Kishore; கௌசிக் Kaushik; ஸ்ரீகாந்த் Srikanth; ராகுல் Rahul;
கவின் Kavin; யோகேஷ் Yogesh; சுதர்சன் Sudharsan; தமிழரசன் Tamilarasan; பிரதீப் Pradeep; விவேக் Vivek;
கோகுல் Gokul; மனோஜ் Manoj; தேவா Deva; சிவராஜ் Sivaraj; ஜெகன் Jagan; இளஞ்செழியன் Ilanchezhiyan;
மதிவாணன் Mathivanan; செழியன் Chezhiyan; அமுதன் Amudhan; இனியன் Iniyan; முகிலன் Mugilan; நிலவன் Nilavan
"""
TA_FEMALE = """
லட்சுமி Lakshmi; பிரியா Priya; மீனா Meena; கவிதா Kavitha,Kavita; தேவி Devi; செல்வி Selvi; வள்ளி
Valli; கீதா Geetha,Gita; சித்ரா Chitra; ராதா Radha; ஜெயா Jaya; உமா Uma; அனிதா Anitha,Anita; சரண்யா
Saranya; திவ்யா Divya; ரம்யா Ramya; கௌசல்யா Kousalya,Kausalya; பவித்ரா Pavithra,Pavitra;
தமிழ்செல்வி Tamilselvi; இந்து Indhu,Indu; மகேஸ்வரி Maheswari; சுமதி Sumathi; வசந்தி Vasanthi;
நந்தினி Nandhini,Nandini; ஹேமா Hema; விஜயலட்சுமி Vijayalakshmi; ராஜலட்சுமி Rajalakshmi;
தனலட்சுமி Dhanalakshmi; மகாலட்சுமி Mahalakshmi; ஜெயலட்சுமி Jayalakshmi; பாக்யலட்சுமி
Bhagyalakshmi; சுப்புலட்சுமி Subbulakshmi; கலைச்செல்வி Kalaiselvi; தாமரைச்செல்வி Thamaraiselvi;
பொன்னி Ponni; முத்துலட்சுமி Muthulakshmi; கலா Kala; கல்பனா Kalpana; கமலா Kamala; கஸ்தூரி
Kasthuri; கண்மணி Kanmani; காவ்யா Kavya; கீர்த்தனா Keerthana; கீர்த்தி Keerthi; கோகிலா Kokila; லதா
Latha; மாலதி Malathi; மஞ்சுளா Manjula; மல்லிகா Mallika; மேகலா Megala; மோகனா Mohana; மைதிலி
Mythili,Maithili; நளினி Nalini; நிர்மலா Nirmala; நித்யா Nithya; பத்மா Padma; பத்மாவதி Padmavathi;
பார்வதி Parvathi; பூங்கொடி Poongodi; பூர்ணிமா Poornima; பிரேமா Prema; புஷ்பா Pushpa; ராஜேஸ்வரி
Rajeswari; ரேவதி Revathi; ரோஜா Roja; ருக்மணி Rukmani; சாந்தி Shanthi,Santhi; சரஸ்வதி Saraswathi;
சசிகலா Sasikala; சாவித்ரி Savithri; செல்வராணி Selvarani; சங்கீதா Sangeetha; சரோஜா Saroja; சாரதா
Saradha; சீதா Seetha; சிவகாமி Sivagami; சுகந்தி Suganthi; சுதா Sudha; சுஜாதா Sujatha; சுகன்யா
Sukanya; சுபா Subha; சுசீலா Susila,Sushila; ஸ்வேதா Swetha; தேன்மொழி Thenmozhi; உஷா Usha; வனிதா
Vanitha; வாசுகி Vasuki; வெண்ணிலா Vennila; விஜயா Vijaya; யமுனா Yamuna; அபிராமி Abirami; அகிலா
Akila; அமுதா Amudha; அஞ்சலி Anjali; அனுராதா Anuradha; அர்ச்சனா Archana; ஆர்த்தி Aarthi,Arthi; பானு
Banu,Bhanu; தீபா Deepa; தீபிகா Deepika; தனம் Dhanam; துர்கா Durga; கோமதி Gomathi; காயத்ரி
Gayathri; ஹரிணி Harini; இலக்கியா Ilakkiya; இந்திரா Indira; ஜனனி Janani; ஜோதி Jothi,Jyothi;
கலைவாணி Kalaivani; கனிமொழி Kanimozhi; கிருத்திகா Kiruthika,Krithika; லாவண்யா Lavanya; மதுமிதா
Madhumitha; மணிமேகலை Manimegalai; மீனாட்சி Meenakshi; மோனிஷா Monisha; நிவேதா Nivetha,Niveda;
பிரியதர்ஷினி Priyadharshini,Priyadarshini; பிரேமலதா Premalatha; புவனா Bhuvana; புவனேஸ்வரி
Bhuvaneswari; ராணி Rani; ரஞ்சனி Ranjani; ரேகா Rekha; சந்தியா Sandhya; சங்கரி Sankari; சரிதா
Saritha; செண்பகம் Shenbagam; ஷாலினி Shalini; ஷீலா Sheela; ஸ்ரீதேவி Sridevi; ஸ்ருதி Shruthi,Sruthi;
சுமித்ரா Sumithra; சுந்தரி Sundari; சுவாதி Swathi; தாரா Thara; திலகவதி Thilagavathi; உமாமகேஸ்வரி
Umamaheswari; வைஷ்ணவி Vaishnavi; வளர்மதி Valarmathi; விமலா Vimala; யாழினி Yazhini; அம்பிகா Ambika;
அருணா Aruna; பவானி Bhavani; சந்திரா Chandra; தேவிகா Devika; ஈஸ்வரி Eswari; ஹேமலதா Hemalatha;
ஜெயந்தி Jayanthi; ஜெயஸ்ரீ Jayashree; கனகா Kanaga; கலையரசி Kalaiyarasi; கிருஷ்ணவேணி Krishnaveni;
மாரியம்மாள் Mariammal; சண்முகப்பிரியா Shanmugapriya; சுலோச்சனா Sulochana; தமிழரசி Tamilarasi;
தெய்வானை Deivanai; வசந்தா Vasantha; வேணி Veni; அனு Anu; அபிநயா Abinaya; ஐஸ்வர்யா Aishwarya; ஆஷா
Asha; தர்ஷினி Dharshini; ரோகிணி Rohini; சுபாஷினி Subhashini; வித்யா Vidhya,Vidya; அருள்மொழி
Arulmozhi; இளவரசி Ilavarasi; எழிலரசி Ezhilarasi; பூங்குழலி Poonguzhali; நிலா Nila; மலர் Malar;
மலர்விழி Malarvizhi; கயல்விழி Kayalvizhi; தென்றல் Thendral; ஓவியா Oviya; மதிவதனி Mathivathani
"""
# Tamil given names are often compounds; these make the long tail (சிவகுமார் Sivakumar).
TA_MALE_PARTS = (
    "சிவ Siva; பால Bala; முத்து Muthu; செந்தில் Senthil; சரவண Saravana; அருள் Arul; ஜெய Jaya; "
    "ராஜ Raja; செல்வ Selva; தங்க Thanga; வேல் Vel; சக்தி Sakthi; வெற்றி Vetri; கதிர் Kathir; "
    "ராம Rama; கிருஷ்ண Krishna; சுந்தர Sundara; மணி Mani; வசந்த Vasantha; உதய Udhaya; விஜய Vijaya; "
    "தன Dhana; குண Guna; அன்பு Anbu; பொன் Pon; ரத்தின Rathina; நாக Naga; சண்முக Shanmuga; "
    "கோபால Gopala; வீர Veera",
    "குமார் kumar; ராஜ் raj; வேல் vel; சாமி samy; முருகன் murugan; லிங்கம் lingam; "
    "மூர்த்தி moorthy; சேகர் sekar; செல்வன் selvan; நாதன் nathan; மணி mani; பாண்டியன் pandian; "
    "ராமன் raman; சுந்தரம் sundaram",
)
TA_FEMALE_PARTS = (
    "விஜய Vijaya; ராஜ Raja; தன Dhana; மகா Maha; ஜெய Jaya; பாக்ய Bhagya; முத்து Muthu; "
    "கலை Kalai; தமிழ் Tamil; அன்பு Anbu; பொன் Pon; தங்க Thanga; சிவ Siva; உமா Uma; கனக Kanaga; "
    "சண்முக Shanmuga; ஹரி Hari; சந்திர Chandra; அருள் Arul; செல்வ Selva; கிருஷ்ண Krishna; "
    "மீனா Meena; சுந்தர Sundara",
    "லட்சுமி lakshmi; செல்வி selvi; பிரியா priya; வதி vathi; மணி mani; ராணி rani; தேவி devi; "
    "மதி mathi; வள்ளி valli; மாலா mala; ஸ்ரீ sri; மொழி mozhi",
)
EN_MALE = """
Robert Bob,Rob,Bobby; William Bill,Will; James Jim,Jimmy; John Jack,Johnny; Michael Mike; David
Dave; Richard Rick,Dick; Thomas Tom; Charles Charlie,Chuck; Christopher Chris; Daniel Dan,Danny;
Matthew Matt; Anthony Tony; Joseph Joe; Steven Steve; Andrew Andy,Drew; Joshua Josh; Kenneth Ken;
Kevin -; Brian -; George -; Edward Ed,Eddie,Ted; Ronald Ron; Timothy Tim; Jason -; Jeffrey Jeff;
Ryan -; Jacob Jake; Gary -; Nicholas Nick; Eric -; Jonathan Jon; Stephen Steve; Larry -; Justin -;
Scott -; Brandon -; Benjamin Ben; Samuel Sam; Gregory Greg; Alexander Alex; Patrick Pat; Frank -;
Raymond Ray; Jack -; Dennis -; Jerry -; Tyler -; Aaron -; Henry Hank; Peter Pete; Douglas Doug;
Zachary Zach; Walter Walt; Nathan Nate; Harold Harry; Mark -; Paul -; Donald Don; Kyle -; Adam
-; Carl -; Arthur Art; Albert Al; Lawrence Larry; Roger -; Keith -; Jeremy -; Terry -; Sean -;
Christian -; Austin -; Ethan -; Noah -; Dylan -; Jesse -; Bryan -; Jordan -; Billy -; Bruce -;
Gabriel Gabe; Logan -; Alan Al; Juan -; Wayne -; Roy -; Ralph -; Randy -; Eugene Gene; Vincent
Vince; Russell Russ; Louis Lou; Philip Phil; Howard -; Martin Marty; Craig -; Curtis -; Shawn -;
Victor Vic; Todd -; Travis -; Chad -; Derek -; Cody -; Evan -; Luke -; Ian -; Mason -; Owen -; Caleb
-; Isaac -; Lucas -
"""
EN_FEMALE = """
Mary -; Patricia Pat,Patty,Trish; Jennifer Jen,Jenny; Linda -; Elizabeth Liz,Beth,Betsy; Barbara
Barb; Susan Sue,Susie; Jessica Jess; Sarah -; Karen -; Nancy -; Lisa -; Betty -; Margaret
Maggie,Peggy,Meg; Sandra Sandy; Ashley -; Kimberly Kim; Emily -; Donna -; Michelle -; Carol -;
Amanda Mandy; Dorothy Dot; Melissa Mel; Deborah Debbie,Deb; Stephanie Steph; Rebecca Becky; Sharon
-; Laura -; Cynthia Cindy; Kathleen Kathy; Amy -; Angela Angie; Shirley -; Anna -; Brenda -; Pamela
Pam; Emma -; Nicole Nikki; Helen -; Samantha Sam; Katherine Kate,Kathy,Katie; Christine Chris;
Rachel -; Catherine Cathy,Kate; Carolyn -; Janet -; Ruth -; Maria -; Heather -; Diane -; Virginia
Ginny; Julie -; Joyce -; Victoria Vicky,Tori; Olivia Liv; Kelly -; Christina Tina; Lauren -; Joan
-; Evelyn -; Judith Judy; Alice -; Amber -; Andrea -; Ann Annie; Beverly Bev; Bonnie -; Brittany
Britt; Cheryl -; Crystal -; Danielle Dani; Denise -; Diana Di; Doris -; Erica -; Erin -; Frances
Fran; Gloria -; Grace Gracie; Hannah -; Jacqueline Jackie; Jane -; Jean -; Julia Jules; Kayla -;
Kristen -; Lori -; Marie -; Martha -; Megan Meg; Monica -; Natalie Nat; Paula -; Phyllis -; Rose
Rosie; Sara -; Sophia Sophie; Tammy -; Teresa Terri; Tiffany Tiff; Valerie Val; Wendy -; Abigail
Abby; Madison Maddie; Alyssa -; Courtney -; Jasmine -; Tracy -; Stacy -; Gabrielle Gabby; Allison
Allie; Lindsey -; Hailey -; Chloe -; Mia -; Ava -; Charlotte -; Isabella Bella; Madeline -
"""
EN_FAMILY = """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark
Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams
Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker
Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper
Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James
Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster
Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher
Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno
West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall
Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb
Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason
Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren
Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne
Grant Dunn O'Brien O'Connor
"""
#: The long tail of rare family names, made of the usual parts. Real family names are
#: Zipf-distributed with many thousands of rare ones; the lists above are the head. Russian: a root
#: with a suffix or none and -ов/-ин (Бар-ан-ов, Бат-ур-ин), and an adjective joined to a noun
#: (Бел-о-бород-ов, Крив-о-ног-ов); English: place-name elements (Ash-ford, Whit-ley).
RU_TAIL = (
    "Бар Бат Бах Бек Бор Буд Бур Вар Вед Вет Гал Глад Гол Гон Грач Дан Дед Дол Дор Дуб Ерш Жар "
    "Жил Зар Зот Кар Кир Клим Кол Кор Крут Кув Кур Лад Лар Лом Луп Мал Мар Мат Мел Мих Мор Нар "
    "Нем Пах Пес Пис Плат Рак Рат Рож Сав Сан Сед Сер Сол Сом Тар Тем Тол Тур Уш Фил Хар Хол Цар "
    "Чад Чер Чуд Шал Шар Шум Щег Юр Яр Бык Волог Горел Дрон Ершак Жмур Зыр Каз Лыс Моск Неч Пыж",
    "- ан ак ик ок ун ур ал ул ен ач уш ыш",
    "ов ин",
)
RU_COMPOUND = (
    "Бел Черн Долг Толст Крив Корот Красн Сед Стар Нов Добр Мал Сух Кругл Рыж Лыс Горб Прям Кос "
    "Остр Желт Зелен Чист Кудр Глад Тонк Широк Прост Свят Бог Мягк Дик Злат Тих Гол",
    "бород нос глаз ус ух лоб зуб бров ног рук голов брюх щек волос плеч бок гор дуб лес мор пол "
    "сап лап хвост пуп рог вал двор мост луг",
)
EN_TAIL = (
    "Ash Black Brad Brook Chester Clay Cran Dun Fair Green Hal Hart Holl Lang Mar Mid New North "
    "Ox Pem Red Rad Sand Shel South Stan Stock Thorn Went West Whit Wood Bar Bell Brom Cal Cold "
    "Dal Eas Elm Fern Gold Har Kings Lin Nor Pres Rock Ross Sted Sum Tat Wal Wil Win Ack Alder "
    "Ames Ark Bark Bay Beck Birch Bland Blythe Bow Brent Brier Broad Brock Buck Carl Chad Chat "
    "Chip Clif Cob Cot Crom Dart Deer Dray Elling Ever Far Farn Fox Glas Gran Hay Heath Hunt Ing "
    "Ken Kirk Lam Lock Long Mal Mer Mill Mor Oak Pen Pit Rams Rav Ray Ring Rush Salt Sher Shore "
    "Sil Staf Stow Tam Tre War Wat Wel Wid Wyn Yar",
    "ford ley ton field wood worth by well stead more ham dale brook bury hurst wick ridge cott "
    "combe den stone low land grove",
)
# culture|key|native forms|Latin forms|postcodes|landline prefixes|weight; ...
CITIES = """
ru|moscow|Москва,г. Москва|Moscow,Moskva|101000-129343|495,499|30; ru|spb|Санкт-Петербург,СПб,г.
Санкт-Петербург|Saint Petersburg,St. Petersburg,Sankt-Peterburg|190000-199406|812|14;
ru|novosibirsk|Новосибирск|Novosibirsk|630000-630559|383|5;
ru|ekaterinburg|Екатеринбург|Yekaterinburg,Ekaterinburg|620000-620149|343|5;
ru|kazan|Казань|Kazan|420000-420140|843|4; ru|nnovgorod|Нижний Новгород,Н. Новгород|Nizhny
Novgorod,Nizhniy Novgorod|603000-603163|831|4;
ru|chelyabinsk|Челябинск|Chelyabinsk|454000-454139|351|4;
ru|samara|Самара|Samara|443000-443125|846|4;
ru|rostov|Ростов-на-Дону|Rostov-on-Don,Rostov-na-Donu|344000-344113|863|4;
ru|ufa|Уфа|Ufa|450000-450112|347|3; ru|krasnodar|Краснодар|Krasnodar|350000-350091|861|3;
ru|voronezh|Воронеж|Voronezh|394000-394095|473|3; ru|perm|Пермь|Perm|614000-614113|342|3;
hi|delhi|नई दिल्ली,दिल्ली|New Delhi,Delhi|110001-110096|11|20;
hi|mumbai|मुंबई|Mumbai,Bombay|400001-400104|22|10; hi|lucknow|लखनऊ|Lucknow|226001-226031|522|6;
hi|jaipur|जयपुर|Jaipur|302001-302039|141|6;
hi|bengaluru|बेंगलुरु|Bengaluru,Bangalore|560001-560103|80|6;
hi|patna|पटना|Patna|800001-800030|612|5; hi|kanpur|कानपुर|Kanpur|208001-208027|512|4;
hi|noida|नोएडा|Noida|201301-201310|120|4;
hi|gurugram|गुरुग्राम,गुड़गांव|Gurugram,Gurgaon|122001-122018|124|4;
hi|indore|इंदौर|Indore|452001-452020|731|4; hi|pune|पुणे|Pune,Poona|411001-411062|20|4;
hi|hyderabad|हैदराबाद|Hyderabad|500001-500098|40|4;
hi|ghaziabad|गाज़ियाबाद,गाजियाबाद|Ghaziabad|201001-201017|120|3;
hi|varanasi|वाराणसी|Varanasi,Benares|221001-221011|542|3;
hi|bhopal|भोपाल|Bhopal|462001-462047|755|3;
hi|prayagraj|प्रयागराज,इलाहाबाद|Prayagraj,Allahabad|211001-211019|532|3;
hi|agra|आगरा|Agra|282001-282010|562|3; hi|kolkata|कोलकाता|Kolkata,Calcutta|700001-700160|33|3;
hi|ahmedabad|अहमदाबाद|Ahmedabad|380001-380061|79|3;
hi|chandigarh|चंडीगढ़|Chandigarh|160001-160036|172|3;
hi|nagpur|नागपुर|Nagpur|440001-440037|712|3; hi|dehradun|देहरादून|Dehradun|248001-248015|135|2;
hi|meerut|मेरठ|Meerut|250001-250004|121|2; hi|gwalior|ग्वालियर|Gwalior|474001-474012|751|2;
hi|ranchi|रांची|Ranchi|834001-834012|651|2; hi|raipur|रायपुर|Raipur|492001-492015|771|2;
hi|jodhpur|जोधपुर|Jodhpur|342001-342015|291|2;
hi|gorakhpur|गोरखपुर|Gorakhpur|273001-273016|551|2;
hi|bareilly|बरेली|Bareilly|243001-243006|581|2; hi|aligarh|अलीगढ़|Aligarh|202001-202002|571|1;
ta|chennai|சென்னை|Chennai,Madras|600001-600119|44|20;
ta|coimbatore|கோயம்புத்தூர்|Coimbatore,Kovai|641001-641049|422|6;
ta|madurai|மதுரை|Madurai|625001-625022|452|5;
ta|trichy|திருச்சி|Tiruchirappalli,Trichy|620001-620026|431|4;
ta|bengaluru|பெங்களூரு|Bengaluru,Bangalore|560001-560103|80|4;
ta|salem|சேலம்|Salem|636001-636016|427|3;
ta|tirunelveli|திருநெல்வேலி|Tirunelveli,Nellai|627001-627012|462|3;
ta|vellore|வேலூர்|Vellore|632001-632014|416|3; ta|erode|ஈரோடு|Erode|638001-638012|424|3;
ta|tiruppur|திருப்பூர்|Tiruppur,Tirupur|641601-641608|421|3;
ta|thanjavur|தஞ்சாவூர்|Thanjavur,Tanjore|613001-613010|4362|2;
ta|thoothukudi|தூத்துக்குடி|Thoothukudi,Tuticorin|628001-628008|461|2;
ta|kanchipuram|காஞ்சிபுரம்|Kanchipuram,Kancheepuram|631501-631503|44|2;
ta|puducherry|புதுச்சேரி|Puducherry,Pondicherry|605001-605014|413|2;
ta|hosur|ஓசூர்|Hosur|635109-635126|4344|2;
ta|nagercoil|நாகர்கோவில்|Nagercoil|629001-629004|4652|2;
ta|dindigul|திண்டுக்கல்|Dindigul|624001-624005|451|2;
ta|kumbakonam|கும்பகோணம்|Kumbakonam|612001-612002|435|1;
ta|cuddalore|கடலூர்|Cuddalore|607001-607005|4142|1;
ta|mumbai|மும்பை|Mumbai,Bombay|400001-400104|22|1; en|newyork|New York|New York,NYC,New
York City|10001-10282|212,718,917,646|20; en|losangeles|Los Angeles|Los
Angeles,LA|90001-90089|213,310,323|10; en|chicago|Chicago|Chicago|60601-60661|312,773|8;
en|houston|Houston|Houston|77001-77099|713,832|6; en|sanfrancisco|San Francisco|San
Francisco,SF|94102-94134|415|6; en|boston|Boston|Boston|02108-02137|617|5;
en|seattle|Seattle|Seattle|98101-98199|206|5; en|austin|Austin|Austin|78701-78759|512|4;
en|denver|Denver|Denver|80202-80249|303,720|4; en|atlanta|Atlanta|Atlanta|30301-30349|404,678|4;
en|miami|Miami|Miami|33101-33199|305,786|4; en|phoenix|Phoenix|Phoenix|85001-85054|602,480|4
"""
# native | Latin | legal form (native, Latin)
RU_COMPANIES = """
Ромашка|Romashka|ООО,LLC; Вектор|Vektor|ООО,LLC; Альфа-Строй|Alfa-Stroy|ООО,LLC;
Горизонт|Gorizont|АО,JSC; Спектр|Spektr|ООО,LLC; Меридиан|Meridian|ООО,LLC;
Прогресс|Progress|ПАО,PJSC; Техносервис|Tekhnoservis|ООО,LLC; Стройинвест|Stroyinvest|АО,JSC;
Авангард|Avangard|ООО,LLC; Восход|Voskhod|ООО,LLC; Уралтехника|Uraltekhnika|ООО,LLC;
Эталон|Etalon|АО,JSC; Гранит|Granit|ООО,LLC; Кристалл|Kristall|ООО,LLC; Лотос|Lotos|ООО,LLC;
Парус|Parus|ООО,LLC; Радуга|Raduga|ООО,LLC; Феникс|Feniks|ООО,LLC; Орион|Orion|АО,JSC;
Квант|Kvant|ООО,LLC; Атлант|Atlant|ООО,LLC; Вертикаль|Vertikal|ООО,LLC;
Магистраль|Magistral|АО,JSC; Сфера|Sfera|ООО,LLC; Сибтранс|Sibtrans|ООО,LLC;
Волгаресурс|Volgaresurs|ООО,LLC; Мегаполис|Megapolis|ООО,LLC
"""
IN_COMPANIES = """
Sharma Textiles|Pvt Ltd; Gupta Traders|Pvt Ltd; Sai Enterprises|Pvt Ltd; Shree Ganesh Logistics|Pvt
Ltd; Lakshmi Steels|Ltd; Sri Venkateswara Agencies|Pvt Ltd; Balaji Motors|Pvt Ltd; Krishna
Electronics|Pvt Ltd; Annapurna Foods|Ltd; Bharat Pharma|Ltd; Indus Softech|Pvt Ltd; Ganga
Exports|Pvt Ltd; Kaveri Textiles|Ltd; Murugan Stores|Pvt Ltd; Chennai Silks|Pvt Ltd; Coromandel
Engineering|Ltd; Saraswati Publications|Pvt Ltd; Mahalaxmi Jewellers|Pvt Ltd; Om Sai Builders|Pvt
Ltd; Patel Chemicals|Ltd; Agarwal Packers|Pvt Ltd; Tamilnadu Agro|Ltd; Pandian Travels|Pvt Ltd;
Kovai Pumps|Pvt Ltd
"""
EN_COMPANIES = """
Acme|Inc; Blue Ridge Consulting|LLC; Pioneer Logistics|Inc; Summit Health|Inc; Lakeside Realty|LLC;
Golden Gate Software|Inc; Redwood Analytics|Inc; Evergreen Capital|LLC; Northwind Traders|Inc;
Harborview Partners|LLC; Silver Oak Dental|LLC; Bright Path Education|Inc; Cascade Outdoor|Inc;
Liberty Insurance Group|Inc; Keystone Builders|Corp; Prairie Foods|Corp; Riverbend Medical|LLC;
Beacon Marketing|LLC; Granite State Motors|Inc; Sunrise Bakery|LLC; Atlas Freight|Corp; Crescent
Media|Inc; Maple Leaf Dental|LLC; Orchard Supply|Corp; Copper Canyon Labs|Inc
"""
STREETS = {
    "ru": "Ленина Пушкина Гагарина Советская Мира Садовая Лесная Центральная Молодёжная Школьная "
    "Кирова Московская Октябрьская Набережная Полевая Чехова Горького Лермонтова",
    "hi": "MG Road|Station Road|Civil Lines|Gandhi Nagar|Nehru Nagar|Rajendra Nagar|Shastri Nagar|"
    "Lajpat Nagar|Sector 15|Ashok Vihar|Malviya Nagar|Gomti Nagar",
    "ta": "Anna Salai|T. Nagar|Kamarajar Street|Gandhi Road|Periyar Nagar|Nehru Street|"
    "Bharathi Street|Avvai Shanmugam Salai|Race Course Road|West Masi Street",
    "en": "Main St|Oak Ave|Maple St|Park Ave|Elm St|2nd St|Washington Blvd|Cedar Ln|Pine St|"
    "Lake Dr|"
    "Hill Rd|Sunset Blvd|Church St|Highland Ave",
}
EMAIL_DOMAINS: dict[str, tuple[tuple[str, float], ...]] = {
    "ru": (("mail.ru", 0.30), ("yandex.ru", 0.22), ("gmail.com", 0.25), ("bk.ru", 0.05),
           ("list.ru", 0.05), ("inbox.ru", 0.04), ("rambler.ru", 0.04), ("ya.ru", 0.05)),
    "hi": (("gmail.com", 0.62), ("yahoo.co.in", 0.12), ("rediffmail.com", 0.08),
           ("hotmail.com", 0.06), ("outlook.com", 0.07), ("yahoo.com", 0.05)),
    "en": (("gmail.com", 0.45), ("yahoo.com", 0.14), ("outlook.com", 0.10), ("hotmail.com", 0.10),
           ("aol.com", 0.05), ("icloud.com", 0.10), ("comcast.net", 0.06)),
}  # fmt: skip
EMAIL_DOMAINS["ta"] = EMAIL_DOMAINS["hi"]
MOBILE_PREFIXES: dict[str, tuple[str, ...]] = {
    "RU": ("903", "905", "906", "909", "910", "911", "912", "915", "916", "917", "919", "921",
           "925", "926", "950", "977", "985", "999"),
    "IN": ("62", "63", "70", "76", "77", "78", "79", "80", "81", "82", "83", "84", "85", "86", "87",
           "88", "90", "91", "93", "94", "96", "97", "98", "99"),
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Russian transliteration by three schemes people actually use.

_CYR = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "ie",
            "y",
            "_",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)
_CYR["ь"] = ""
_BGN = {**_CYR, "ё": "yo", "й": "y", "ъ": "", "ю": "yu", "я": "ya"}
_VOWELS = "аеёиоуыэюяъь"
SCHEMES = ("icao", "bgn", "english")
_ENGLISH_ENDINGS = (("ский", "sky"), ("цкий", "tsky"), ("ий", "y"), ("ый", "y"))


def transliterate(text: str, scheme: str) -> str:
    """Cyrillic ``text`` in Latin letters by ``scheme``: ``icao`` (passports since 2014:
    Aleksandr, Iuliia), ``bgn`` (BGN/PCGN without diacritics: Yuliya, Yelena) or ``english``
    (the customary spelling: Yulia, Dmitry, Chaykovsky)."""
    words = []
    for word in text.split(" "):
        lower, tail = word.lower(), ""
        if scheme == "english":
            for ending, latin in _ENGLISH_ENDINGS:
                if lower.endswith(ending) and len(lower) > len(ending) + 1:
                    lower, tail = lower[: -len(ending)], latin
                    break
            lower = lower.replace("кс", "x").replace("ье", "ie").replace("ья", "ia")
        table = _CYR if scheme == "icao" else _BGN
        out = []
        for i, char in enumerate(lower):
            after_vowel = i == 0 or lower[i - 1] in _VOWELS + "-"
            if char == "е" and scheme == "bgn" and after_vowel:
                out.append("ye")
            else:
                out.append(table.get(char, char))
        words.append("-".join(p[:1].upper() + p[1:] for p in ("".join(out) + tail).split("-")))
    return " ".join(words)


def _ru_feminine(family: str) -> str:
    if family.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return family + "а"
    if family.endswith(("ский", "цкий")):
        return family[:-2] + "ая"
    if family.endswith("ой"):
        return family[:-2] + "ая"
    return family


# ---------------------------------------------------------------------------------------------
# The name bank.


@dataclass(frozen=True, slots=True)
class Name:
    """One name: its key, its form in its own script and its Latin spellings (most usual
    first; for Russian, one per scheme of ``SCHEMES``). ``short``: diminutives or nicknames as
    (native, Latin). ``female``: a family name's feminine (native, Latin spellings)."""

    key: str
    native: str
    latin: tuple[str, ...]
    short: tuple[tuple[str, str], ...] = ()
    female: tuple[str, tuple[str, ...]] | None = None
    patronymic: tuple[str, str] | None = None  # Russian fathers: (male, female) native


@dataclass(frozen=True, slots=True)
class City:
    key: str
    native: tuple[str, ...]
    latin: tuple[str, ...]
    postcodes: tuple[int, int]
    landline: tuple[str, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class Company:
    native: str
    latin: str
    form: tuple[str, str]  # legal form: native, Latin
    domain: str


def _entries(text: str) -> list[list[str]]:
    return [item.split() for item in " ".join(text.split()).split(";") if item.strip()]


def _ru_given(text: str, gender: str) -> list[Name]:
    names = []
    for parts in _entries(text):
        native, english, short = parts[0], parts[1], parts[2]
        latin = (transliterate(native, "icao"), transliterate(native, "bgn"), english)
        shorts = () if short == "-" else ((short, transliterate(short, "english")),)
        patronymic = None
        if gender == "male":
            stem = parts[3]
            male, female = stem.split("/") if "/" in stem else (stem + "ич", stem + "на")
            patronymic = (male, female)
        names.append(Name(native, native, latin, shorts, None, patronymic))
    return names


def _ru_family(text: str) -> list[Name]:
    names = []
    for native in text.split():
        fem = _ru_feminine(native)
        names.append(
            Name(native, native, tuple(transliterate(native, s) for s in SCHEMES), (),
                 (fem, tuple(transliterate(fem, s) for s in SCHEMES)))
        )  # fmt: skip
    return names


def _indic(text: str) -> list[Name]:
    return [Name(p[0], p[0], tuple(p[1].split(","))) for p in _entries(text)]


def _english(text: str) -> list[Name]:
    names = []
    for parts in _entries(text):
        shorts = () if parts[1] == "-" else tuple((s, s) for s in parts[1].split(","))
        names.append(Name(parts[0], parts[0], (parts[0],), shorts))
    return names


def _cities(text: str) -> dict[str, list[City]]:
    cities: dict[str, list[City]] = defaultdict(list)
    for entry in " ".join(text.split()).split(";"):
        culture, key, native, latin, codes, landline, weight = entry.strip().split("|")
        low, high = (int(c) for c in codes.split("-"))
        cities[culture].append(
            City(key, tuple(native.split(",")), tuple(latin.split(",")), (low, high),
                 tuple(landline.split(",")), float(weight))
        )  # fmt: skip
    return cities


def _companies() -> dict[str, list[Company]]:
    companies: dict[str, list[Company]] = defaultdict(list)
    for item in " ".join(RU_COMPANIES.split()).split(";"):
        native, latin, forms = (p.strip() for p in item.split("|"))
        ru_form, en_form = forms.split(",")
        domain = ascii_letters(latin) + ".ru"
        companies["ru"].append(Company(native, latin, (ru_form, en_form), domain))
    for culture, text, tld in (("in", IN_COMPANIES, ".in"), ("en", EN_COMPANIES, ".com")):
        for item in " ".join(text.split()).split(";"):
            latin, form = (p.strip() for p in item.split("|"))
            domain = ascii_letters(latin) + tld
            companies[culture].append(Company(latin, latin, (form, form), domain))
    return companies


def _tail(parts: tuple[str, str]) -> list[Name]:
    names = [p + s for p in parts[0].split() for s in parts[1].split()]
    return [Name(n, n, (n,)) for n in dict.fromkeys(names)]


def _ru_tail() -> list[Name]:
    """Rare Russian family names: root, suffix and ending; adjective, -о- and noun."""
    roots, middles, endings = (part.split() for part in RU_TAIL)
    names = []
    for root in roots:
        for middle in middles:
            stem = root + middle.strip("-")
            soft = stem[-1] in "жшчщц"
            names += [stem + ("ев" if soft and e == "ов" else e) for e in endings]
    adjectives, nouns = (part.split() for part in RU_COMPOUND)
    names += [f"{a}о{n}{e}" for a in adjectives for n in nouns for e in ("ов", "ин")]
    return _ru_family(" ".join(dict.fromkeys(names)))


def _compounds(parts: tuple[str, str]) -> list[Name]:
    """Every first part joined to every second, in the native script and in Latin alike
    (राम Ram + प्रकाश prakash: रामप्रकाश Ramprakash); each part is "native Latin; ..."."""
    firsts, seconds = ([p.split() for p in text.split(";") if p.strip()] for text in parts)
    return [Name(a + b, a + b, (la + lb,)) for a, la in firsts for b, lb in seconds]


def _without(names: list[Name], head: list[Name]) -> list[Name]:
    """``names`` less those already in ``head`` by native form or by a Latin spelling."""
    known = {n.key for n in head} | {s.lower() for n in head for s in n.latin}
    kept = [n for n in names if n.key not in known and n.latin[0].lower() not in known]
    return list({n.key: n for n in kept}.values())


def ascii_letters(text: str) -> str:
    """Lower-case ASCII letters of ``text`` only (for email local parts and domains)."""
    return "".join(c for c in text.lower() if "a" <= c <= "z")


@dataclass(frozen=True, slots=True)
class NameBank:
    """The lists: heads are real names in rough order of frequency; tails are rare names made
    of real parts (Hindi and Tamil compound given names; Russian, Hindi and English family
    names)."""

    given: dict[tuple[str, str], list[Name]]
    given_tail: dict[tuple[str, str], list[Name]]
    family: dict[str, list[Name]]
    family_tail: dict[str, list[Name]]
    cities: dict[str, list[City]]
    companies: dict[str, list[Company]]

    @classmethod
    def build(cls) -> NameBank:
        given = {
            ("ru", "male"): _ru_given(RU_MALE, "male"),
            ("ru", "female"): _ru_given(RU_FEMALE, "female"),
            ("hi", "male"): _indic(HI_MALE),
            ("hi", "female"): _indic(HI_FEMALE),
            ("ta", "male"): _indic(TA_MALE),
            ("ta", "female"): _indic(TA_FEMALE),
            ("en", "male"): _english(EN_MALE),
            ("en", "female"): _english(EN_FEMALE),
        }
        parts = {("hi", "male"): HI_MALE_PARTS, ("hi", "female"): HI_FEMALE_PARTS,
                 ("ta", "male"): TA_MALE_PARTS, ("ta", "female"): TA_FEMALE_PARTS}  # fmt: skip
        given_tail = {k: _without(_compounds(p), given[k]) for k, p in parts.items()}
        family = {
            "ru": _ru_family(RU_FAMILY),
            "hi": _indic(HI_FAMILY),
            "ta": given["ta", "male"],  # a Tamil "family name" is the father's given name
            "en": [Name(n, n, (n,)) for n in EN_FAMILY.split()],
        }
        tails = {"ru": _ru_tail(), "hi": _compounds(HI_TAIL), "en": _tail(EN_TAIL)}
        family_tail = {c: _without(names, family[c]) for c, names in tails.items()}
        return cls(given, given_tail, family, family_tail, _cities(CITIES), _companies())


# ---------------------------------------------------------------------------------------------
# People, households and namesakes.

_HOME_REGION = {"ru": "RU", "hi": "IN", "ta": "IN", "en": "US"}
_COMPANY_CULTURE = {"ru": "ru", "hi": "in", "ta": "in", "en": "en"}
_SPELLING_WEIGHTS = (0.35, 0.25, 0.40)  # Russian: ICAO, BGN, English; others: variant 1, 2, 3
#: Zipf offsets of the head lists (see _zipf): Indian given names are far less concentrated.
_GIVEN_OFFSET = {"ru": 10, "hi": 40, "ta": 40, "en": 10}
_FAMILY_OFFSET = 20


@dataclass(slots=True)
class Person:
    """A true person. Names are bank entries; ``middle`` is (native, Latin spellings)."""

    pid: int
    culture: str
    gender: str
    given: Name
    family: Name
    middle: tuple[str, tuple[str, ...]] | None
    birthday: dt.date
    city: City
    street: str
    postcode: str
    mobile: str  # E.164
    spelling: int  # which Latin spelling the person uses for their own name
    emails: list[str] = field(default_factory=list)  # personal; [old, new] when changed
    work_email: str | None = None
    home: str | None = None
    company: Company | None = None
    household_id: int | None = None

    def family_forms(self) -> tuple[str, tuple[str, ...]]:
        """The family name in the person's gender: (native, Latin spellings)."""
        if self.gender == "female" and self.family.female is not None:
            return self.family.female
        return self.family.native, self.family.latin


def _pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return str(rng.choices(values, weights)[0])


@functools.cache
def _rank_weights(count: int, offset: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + offset) for rank in range(count)))


def _zipf(rng: random.Random, items: Sequence[T], offset: int = 10) -> T:
    """An item by frequency rank: weight 1/(rank + offset), so the first few are common (with
    10, the first of 80 Russian given names is about 4.5% of those drawn; with 40, the first of
    300 Hindi ones about 1.1%; with 20, the first of 180 family names about 2.2%)."""
    return rng.choices(items, cum_weights=_rank_weights(len(items), offset))[0]


def _spelled(spellings: tuple[str, ...], index: int) -> str:
    return spellings[index % len(spellings)]


class _Taken:
    """Hands out emails and phone numbers that no one else has."""

    def __init__(self) -> None:
        self.values: set[str] = set()

    def email(self, local: str, domain: str, rng: random.Random) -> str:
        """``local@domain``, or with digits added when that mailbox is someone else's (Gmail
        ignores dots, so ivan.smirnov and ivansmirnov there are one mailbox)."""
        value = f"{local}@{domain}"
        while self._mailbox(value) in self.values:
            value = f"{local}{rng.randint(1, 999)}@{domain}"
        self.values.add(self._mailbox(value))
        return value

    @staticmethod
    def _mailbox(email: str) -> str:
        local, _, domain = email.partition("@")
        return f"{local.replace('.', '')}@{domain}" if domain == "gmail.com" else email

    def phone(self, rng: random.Random, region: str, prefixes: Sequence[str]) -> str:
        """A valid, unused E.164 number of ``region`` starting with one of ``prefixes``."""
        code = phonenumbers.country_code_for_region(region)
        while True:
            prefix = rng.choice(prefixes)
            digits = prefix + "".join(rng.choice(string.digits) for _ in range(10 - len(prefix)))
            number = f"+{code}{digits}"
            if number not in self.values and phonenumbers.is_valid_number(
                phonenumbers.parse(number)
            ):
                self.values.add(number)
                return number


def _email_local(rng: random.Random, given: str, family: str, year: int) -> str:
    g, f = ascii_letters(given) or "x", ascii_letters(family) or "x"
    return rng.choice(
        [f"{g}.{f}", f"{g}{f}", f"{g[0]}{f}", f"{f}.{g}", f"{g}_{f}", f"{g}{year % 100:02d}",
         f"{f}{year}", f"{g}.{f}{rng.randint(1, 99)}", f"{g[0]}.{f}", f"{g}{f[0]}"]
    )  # fmt: skip


class People:
    """Makes people, households and namesakes, each email and phone belonging to one of them
    (but a household's shared ones)."""

    def __init__(self, rng: random.Random, params: Params, bank: NameBank) -> None:
        self.rng, self.params, self.bank = rng, params, bank
        self.taken = _Taken()
        self.people: list[Person] = []
        self.households = 0
        self.common_given = dict(params.common_given)
        self.common_family = dict(params.common_family)

    def _given(self, culture: str, gender: str) -> Name:
        """A given name: from the head of the list by rank, or (Hindi and Tamil, all but
        ``common_given`` of the time) one of the compounds, uniformly."""
        tail = self.bank.given_tail.get((culture, gender))
        if tail and self.rng.random() >= self.common_given[culture]:
            return self.rng.choice(tail)
        return _zipf(self.rng, self.bank.given[culture, gender], _GIVEN_OFFSET[culture])

    def _middle(self, culture: str, gender: str) -> tuple[str, tuple[str, ...]] | None:
        rng = self.rng
        if culture == "ru":
            father = self._given("ru", "male")
            assert father.patronymic is not None
            native = father.patronymic[0 if gender == "male" else 1]
            return native, tuple(transliterate(native, s) for s in SCHEMES)
        if culture == "en" and rng.random() < 0.4:
            name = self._given("en", gender).native
            return name, (name,)
        return None

    def _family(self, culture: str) -> Name:
        """A family name: from the head of the list by rank, or (Russian, Hindi and English, all
        but ``common_family`` of the time) one of the rare ones, uniformly. A Tamil one is a
        father's given name."""
        if culture == "ta":
            return self._given("ta", "male")
        tail = self.bank.family_tail.get(culture)
        if tail and self.rng.random() >= self.common_family[culture]:
            return self.rng.choice(tail)
        return _zipf(self.rng, self.bank.family[culture], _FAMILY_OFFSET)

    def _personal_email(self, person: Person) -> str:
        local = _email_local(
            self.rng,
            _spelled(person.given.latin, person.spelling),
            _spelled(person.family_forms()[1], person.spelling),
            person.birthday.year,
        )
        return self.taken.email(local, _pick(self.rng, EMAIL_DOMAINS[person.culture]), self.rng)

    def person(
        self, culture: str, gender: str, *, given: Name | None = None,
        family: Name | None = None, city: City | None = None,
    ) -> Person:  # fmt: skip
        rng, region = self.rng, _HOME_REGION[culture]
        city = (
            city
            or rng.choices(
                self.bank.cities[culture], [c.weight for c in self.bank.cities[culture]]
            )[0]
        )
        low, high = city.postcodes
        person = Person(
            pid=len(self.people),
            culture=culture,
            gender=gender,
            given=given or self._given(culture, gender),
            family=family or self._family(culture),
            middle=self._middle(culture, gender),
            birthday=dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 53)),
            city=city,
            street=_street(rng, culture),
            postcode=f"{rng.randint(low, high):0{len(str(high)) if culture != 'en' else 5}d}",
            mobile=self.taken.phone(rng, region, MOBILE_PREFIXES.get(region, city.landline)),
            spelling=rng.choices(range(3), _SPELLING_WEIGHTS)[0],
        )
        person.emails.append(self._personal_email(person))
        if rng.random() < self.params.changed_email:
            person.emails.append(self._personal_email(person))
        if rng.random() < 0.45:
            person.company = _zipf(rng, self.bank.companies[_COMPANY_CULTURE[culture]])
            if rng.random() < self.params.work_email:
                local = _email_local(
                    rng, person.given.latin[0], person.family_forms()[1][0], person.birthday.year
                )
                person.work_email = self.taken.email(local, person.company.domain, rng)
        if rng.random() < self.params.home_phone:
            person.home = self.taken.phone(rng, region, city.landline)
        self.people.append(person)
        return person

    def single(self) -> list[Person]:
        culture = _pick(self.rng, self.params.cultures)
        return [self.person(culture, self.rng.choice(("male", "female")))]

    def household(self) -> list[Person]:
        """2-4 people of one family name at one address with one home phone; often one email."""
        rng = self.rng
        culture = _pick(rng, self.params.cultures)
        head = self.person(culture, rng.choice(("male", "female")))
        size = rng.choices((2, 3, 4), (0.5, 0.3, 0.2))[0]
        members, used = [head], {head.given.key}
        while len(members) < size:
            partner = "female" if head.gender == "male" else "male"
            gender = partner if len(members) == 1 else rng.choice(("male", "female"))
            given = rng.choice([n for n in self.bank.given[culture, gender] if n.key not in used])
            used.add(given.key)
            members.append(self.person(culture, gender, given=given, family=head.family,
                                       city=head.city))  # fmt: skip
        self.households += 1
        home = head.home or self.taken.phone(rng, _HOME_REGION[culture], head.city.landline)
        shared = None
        if rng.random() < 0.6:
            local = ascii_letters(_spelled(head.family.latin, head.spelling)) + ".family"
            shared = self.taken.email(local, _pick(rng, EMAIL_DOMAINS[culture]), rng)
        for member in members:
            member.household_id = self.households
            member.street, member.postcode, member.home = head.street, head.postcode, home
            if shared is not None and rng.random() < 0.8:
                member.emails.insert(0, shared)
        return members

    def namesakes(self) -> list[Person]:
        """A person and one or two others of the same name, gender and city."""
        first = self.single()[0]
        count = self.rng.choices((1, 2), (0.85, 0.15))[0]
        others = [
            self.person(first.culture, first.gender, given=first.given, family=first.family,
                        city=first.city)
            for _ in range(count)
        ]  # fmt: skip
        return [first, *others]


def _street(rng: random.Random, culture: str) -> str:
    number = rng.randint(1, 120)
    if culture == "ru":
        street = rng.choice(STREETS["ru"].split())
        return f"ул. {street}, д. {number}, кв. {rng.randint(1, 200)}"
    street = rng.choice(STREETS[culture].split("|"))
    if culture == "en":
        return f"{rng.randint(1, 9999)} {street}"
    return f"{number}, {street}"


# ---------------------------------------------------------------------------------------------
# Writing a person into a source record, with the mess.

_NATIVE_SHARE = {
    "ru": {"crm": 0.70, "google": 0.35, "mail": 0.45, "vcard": 0.60},
    "hi": {"crm": 0.10, "google": 0.05, "mail": 0.08, "vcard": 0.12},
    "ta": {"crm": 0.08, "google": 0.05, "mail": 0.06, "vcard": 0.12},
    "en": {"crm": 0.0, "google": 0.0, "mail": 0.0, "vcard": 0.0},
}
_FULL_FORMS = {  # G given, M middle, F family, g/m the initial of given/middle
    "ru": (("G F", 0.35), ("F G M", 0.25), ("G M F", 0.15), ("F G", 0.15), ("F g. m.", 0.07),
           ("G", 0.03)),
    "en": (("G F", 0.70), ("G m. F", 0.15), ("G M F", 0.05), ("F, G", 0.10)),
    "hi": (("G F", 0.85), ("G", 0.05), ("F, G", 0.05), ("G f.", 0.05)),
    "ta": (("G F", 0.45), ("f. G", 0.25), ("G f.", 0.10), ("G", 0.15), ("G F", 0.05)),
}  # fmt: skip
_CYRILLIC_LOWER = "абвгдежзийклмнопрстуфхцчшщыьэюя"
_COUNTRIES = {"RU": ("Россия", "Russia", "RU"), "IN": ("India", "IN", "Bharat"),
              "US": ("USA", "United States", "US")}  # fmt: skip
_COMPANY_FORMS = {
    "LLC": ("{n} LLC", "{n}, LLC", "{n}"), "JSC": ("{n} JSC", "{n}"), "PJSC": ("{n} PJSC", "{n}"),
    "Inc": ("{n} Inc.", "{n}, Inc.", "{n} Inc", "{n}", "{N} INC"),
    "Corp": ("{n} Corp.", "{n} Corporation", "{n}"),
    "Pvt Ltd": ("{n} Pvt. Ltd.", "{n} Private Limited", "{n} Pvt Ltd", "{n}"),
    "Ltd": ("{n} Ltd", "{n} Limited", "{n} Ltd.", "{n}"),
}  # fmt: skip


def typo(rng: random.Random, word: str) -> str:
    """``word`` with one edit (substitution, deletion, insertion or transposition) at a letter
    past the first; words of fewer than four letters are left alone."""
    if len(word) < 4:
        return word
    cyrillic = any(c.lower() in _CYRILLIC_LOWER for c in word)
    alphabet = _CYRILLIC_LOWER if cyrillic else string.ascii_lowercase
    latin_or_cyrillic = cyrillic or word.isascii()
    ops = ("sub", "del", "ins", "swap") if latin_or_cyrillic else ("del", "swap")
    op, i = rng.choice(ops), rng.randrange(1, len(word) - 1)
    letter = rng.choice(alphabet)
    if op == "sub":
        return word[:i] + letter + word[i + 1 :]
    if op == "del":
        return word[:i] + word[i + 1 :]
    if op == "ins":
        return word[:i] + letter + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _date(rng: random.Random, day: dt.date, kind: str, region: str, swap: bool) -> str:
    order = _ORDERS[region]
    if swap:
        order = "MDY" if order == "DMY" else "DMY"
    d, m, y = day.day, day.month, day.year
    if kind == "google":
        return f"--{m:02d}-{d:02d}" if rng.random() < 0.2 else f"{y}-{m:02d}-{d:02d}"
    if kind == "vcard":
        return rng.choice([f"{y}-{m:02d}-{d:02d}", f"{y}{m:02d}{d:02d}", f"--{m:02d}{d:02d}"])
    if region == "RU" and not swap:
        return rng.choice(
            [f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}", f"{d:02d}.{m:02d}.{y % 100:02d}"]
        )
    month = day.strftime("%B")
    if order == "MDY":
        return rng.choice([f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}", f"{month} {d}, {y}"])
    return rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d:02d}-{m:02d}-{y}", f"{d} {month[:3]} {y}"])


def format_phone(rng: random.Random, e164: str, region: str) -> str:
    """An E.164 number as people write it in a source of ``region``: local forms (8 (916) ...,
    098401 23456, (415) 555-0134) for the region's own numbers, international ones otherwise."""
    number = phonenumbers.parse(e164)
    own = phonenumbers.region_code_for_number(number)
    nsn = phonenumbers.national_significant_number(number)
    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    forms = [international, e164]
    if own == region == "RU":
        a, b, c, d = nsn[:3], nsn[3:6], nsn[6:8], nsn[8:]
        forms += [f"+7 {a} {b}-{c}-{d}", f"8 ({a}) {b}-{c}-{d}", f"8 {a} {b}{c}{d}", f"8{nsn}", nsn]
    elif own == region == "IN":
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        forms += [national, f"0{nsn}", nsn, f"+91-{nsn}"]
    elif own == region == "US":
        a, b, c = nsn[:3], nsn[3:6], nsn[6:]
        forms += [f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"1-{a}-{b}-{c}", nsn]
    return rng.choice(forms)


class Renderer:
    """Writes one person into one record of a source kind, with the mess of ``params``."""

    def __init__(self, rng: random.Random, params: Params) -> None:
        self.rng, self.p = rng, params

    def _spelling(self, person: Person, own: bool) -> int:
        if own or self.rng.random() < 0.5:
            return person.spelling
        return self.rng.choices(range(3), _SPELLING_WEIGHTS)[0]

    def _tokens(self, person: Person, native: bool, own: bool) -> tuple[str, str | None, str]:
        rng, index = self.rng, self._spelling(person, own)
        family_native, family_latin = person.family_forms()
        if native:
            given, family = person.given.native, family_native
            middle = person.middle[0] if person.middle else None
        else:
            given, family = _spelled(person.given.latin, index), _spelled(family_latin, index)
            middle = _spelled(person.middle[1], index) if person.middle else None
        if person.given.short and rng.random() < self.p.short_form:
            short = rng.choice(person.given.short)
            given = short[0] if native else short[1]
        if rng.random() < self.p.name_typo:
            if rng.random() < 0.5:
                given = typo(rng, given)
            else:
                family = typo(rng, family)
        if rng.random() < self.p.initial_only:
            given = given[0] + "."
        return given, middle, family

    def _case(self, text: str) -> str:
        if self.rng.random() < self.p.case_mess:
            return text.upper() if self.rng.random() < 0.6 else text.lower()
        return text

    def _full(self, culture: str, given: str, middle: str | None, family: str) -> str:
        form = _pick(self.rng, _FULL_FORMS[culture])
        if self.rng.random() < self.p.swap_names and culture != "ru":
            given, family = family, given
        parts = {"G": given, "F": family, "M": middle or "", "g": given[:1], "f": family[:1],
                 "m": (middle or "")[:1]}  # fmt: skip
        words = []
        for token in form.split():
            value = parts[token[0]] + token[1:]
            if value.strip(".,"):
                words.append(value)
        return self._case(" ".join(words).replace(" ,", ","))

    def _name(self, person: Person, native: bool, own: bool, split: bool) -> dict[str, str]:
        given, middle, family = self._tokens(person, native, own)
        out = {"full_name": self._full(person.culture, given, middle, family)}
        if split:
            if self.rng.random() < self.p.swap_names:
                given, family = family, given
            out.update(given_name=self._case(given), family_name=self._case(family))
            if middle and self.rng.random() < 0.6:
                out["middle_name"] = middle
            if self.rng.random() < 0.6:
                del out["full_name"]
        return out

    def _email(self, email: str) -> str:
        rng, (local, _, domain) = self.rng, email.partition("@")
        if domain == "gmail.com" and "." in local and rng.random() < 0.15:
            local = local.replace(".", "")
        if rng.random() < self.p.email_typo:
            local = typo(rng, local)
        if rng.random() < self.p.email_case:
            local = ".".join(w.capitalize() for w in local.split("."))
            domain = domain.capitalize()
        return f"{local}@{domain}"

    def _emails(self, person: Person, second: float, work: float) -> str:
        rng = self.rng
        first = rng.choice(person.emails)
        if person.work_email and rng.random() < work:
            first = person.work_email
        chosen = [first]
        others = [e for e in [*person.emails, person.work_email] if e and e != first]
        if others and rng.random() < second:
            chosen.append(rng.choice(others))
        return " ::: ".join(self._email(e) for e in chosen)

    def _company(self, company: Company, native: bool) -> str:
        if native and company.native != company.latin:
            form = company.form[0]
            return self.rng.choice([f"{form} «{company.native}»", f'{form} "{company.native}"',
                                    company.native, f"{form} {company.native}"])  # fmt: skip
        pattern = self.rng.choice(_COMPANY_FORMS[company.form[1]])
        return pattern.format(n=company.latin, N=company.latin.upper())

    def _place(self, person: Person, native: bool, out: dict[str, str], share: float) -> None:
        rng = self.rng
        if rng.random() < share:
            forms = person.city.native if native else person.city.latin
            out["city"] = forms[0] if rng.random() < 0.7 else rng.choice(forms)
        if rng.random() < share * 0.7:
            code = person.postcode
            if person.culture in ("hi", "ta") and rng.random() < 0.3:
                code = f"{code[:3]} {code[3:]}"
            out["postcode"] = code
        if rng.random() < share * 0.7:
            out["street"] = person.street

    def fields(self, person: Person, kind: str, region: str) -> dict[str, str]:
        """The cells of one record of ``person`` in a source of ``kind`` and ``region``."""
        rng, p = self.rng, self.p
        share = _NATIVE_SHARE[person.culture][kind]
        if kind != "mail" and region != _HOME_REGION[person.culture]:
            share *= 0.15
        native = rng.random() < share
        if kind == "mail":
            out = {"email": self._emails(person, 0.0, 0.35)}
            if rng.random() < 0.75:
                out["full_name"] = self._name(person, native, own=True, split=False)["full_name"]
            return out
        out = self._name(person, native, own=kind == "google", split=rng.random() < 0.5)
        email_share = {"crm": 0.8, "google": 0.9, "vcard": 0.5}[kind]
        if rng.random() < email_share:
            out["email"] = self._emails(person, 0.3 if kind == "google" else 0.15, 0.3)
        self._phones(person, kind, region, out)
        birthday_share = {"crm": 0.55, "google": 0.35, "vcard": 0.3}[kind]
        if rng.random() < birthday_share:
            swap = kind == "crm" and rng.random() < p.wrong_date_order
            out["birthday"] = _date(rng, person.birthday, kind, region, swap)
        if person.company and rng.random() < {"crm": 0.5, "google": 0.3, "vcard": 0.3}[kind]:
            out["company"] = self._company(person.company, native)
        self._place(person, native, out, {"crm": 0.75, "google": 0.2, "vcard": 0.15}[kind])
        if kind == "crm" and rng.random() < 0.3:
            out["country"] = rng.choice(_COUNTRIES[_HOME_REGION[person.culture]])
        if kind == "vcard" and person.given.short and rng.random() < 0.1:
            short = rng.choice(person.given.short)
            out["nickname"] = short[0] if native else short[1]
        return out

    def _phones(self, person: Person, kind: str, region: str, out: dict[str, str]) -> None:
        rng = self.rng
        numbers: list[str] = []
        if kind == "vcard":
            if rng.random() < 0.9:
                out["mobile"] = format_phone(rng, person.mobile, region)
            if person.home and rng.random() < 0.3:
                numbers.append(person.home)
        elif rng.random() < (0.8 if kind == "crm" else 0.6):
            home_first = person.home is not None and rng.random() < 0.25
            numbers.append(person.home if home_first and person.home else person.mobile)
            other = person.mobile if home_first else person.home
            if other and rng.random() < 0.2:
                numbers.append(other)
        if numbers:
            out["phone"] = " ::: ".join(format_phone(rng, n, region) for n in numbers)


# ---------------------------------------------------------------------------------------------
# The set.


def _records_per_person(rng: random.Random, params: Params) -> int:
    return rng.choices(range(1, len(params.records_per_person) + 1), params.records_per_person)[0]


def _source(rng: random.Random, person: Person, params: Params) -> str:
    kind = _pick(rng, _KIND_WEIGHTS)
    if kind == "mail":
        return "mail"
    region = _HOME_REGION[person.culture]
    if rng.random() < params.away_source:
        region = rng.choice([r for r in ("RU", "IN", "US") if r != region])
    return f"{kind}_{region.lower()}"


def namesake_groups(people: Sequence[Person], *, by_city: bool = True) -> dict[int, int]:
    """Person id -> group number, for every two or more of ``people`` with one given name and
    one family name (a Tamil's father's name), as the bank keys them whatever the spelling, and
    with ``by_city`` one city too: the planted namesakes and those that happen by chance."""
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for person in people:
        city = person.city.key if by_city else ""
        groups[person.given.key, person.family.key, city].append(person.pid)
    labels: dict[int, int] = {}
    for number, members in enumerate(m for m in groups.values() if len(m) > 1):
        for pid in members:
            labels[pid] = number
    return labels


def _plan(rng: random.Random, params: Params, people: People, n_records: int) -> list[Person]:
    """One entry per record to write: people drawn until there are ``n_records`` records."""
    plan: list[Person] = []
    while len(plan) < n_records:
        draw = rng.random()
        if draw < params.household_start:
            group = people.household()
        elif draw < params.household_start + params.namesake_start:
            group = people.namesakes()
        else:
            group = people.single()
        for person in group:
            plan.extend([person] * _records_per_person(rng, params))
    return plan[:n_records]


def _record_key(source: str, n: int, fields: dict[str, str]) -> str:
    kind = SOURCES[source][0]
    if kind == "vcard":
        return f"contacts.vcf#{n}"
    if kind == "mail":
        address = fields.get("email", "").split(":::")[0].strip().lower()
        return f"<m{n}@mail.example>/from/{address}"
    return str(n + 1)  # a CSV row under its header


def generate(n_records: int, seed: int, params: Params | None = None) -> list[Row]:
    """``n_records`` labelled rows, the same for the same ``seed`` and ``params``.

    Takes a record count and a seed; gives the rows in a shuffled order (as records arrive from
    many sources), each with its truth and a record key unique within its source. Rejects a
    count below 1 with ValueError.
    """
    if n_records < 1:
        raise ValueError("n_records must be at least 1")
    params = params or Params()
    rng = random.Random(seed)
    people = People(rng, params, NameBank.build())
    plan = _plan(rng, params, people, n_records)
    rng.shuffle(plan)
    present = {person.pid for person in plan}
    in_set = [person for person in people.people if person.pid in present]
    same_city, same_name = namesake_groups(in_set), namesake_groups(in_set, by_city=False)
    renderer = Renderer(rng, params)
    counters: dict[str, int] = defaultdict(int)
    rows = []
    for person in plan:
        source = _source(rng, person, params)
        kind, region = SOURCES[source]
        fields = renderer.fields(person, kind, region)
        counters[source] += 1
        key = _record_key(source, counters[source], fields)
        rows.append(Row(person.pid, person.household_id, same_city.get(person.pid),
                        same_name.get(person.pid), source, region, key, fields))  # fmt: skip
    return rows
