/**
 * A made-up report in the forms real ones print: running text with a stock and its change against the year
 * before (专任教师308人，较上年增加117人), a share's two parts (毕业生1332人，其中升学803人), and a 计分卡 with 2023
 * and 2024 columns. It prints no 在校生, 招生, 生师比 or 满意度 of graduates.
 */
export const YUNXI = `云溪市中等职业教育质量年度报告（2024年）
一、基本情况
2024年，全市中职学校专任教师308人，较上年增加117人。全市中职毕业生1332人，其中升学803人。
二、附表
表1 人才培养质量计分卡
序号	指标	单位	2023年	2024年
1	毕业生人数	人	1200	1332
2	月收入	元	3100	3300
3	在校生满意度	%	90.5	92.1
`;
