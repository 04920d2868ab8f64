/* Hall TV display: cycles through the whereabouts board, current notices and
 * the center's contact details; refreshes its data from the public JSON API
 * without reloading, and keeps the last data (with its time) when the network
 * drops. Builds the DOM with textContent only, so nothing from the API is
 * ever parsed as HTML. */
(function () {
  "use strict";
  var root = document.getElementById("hall");
  var slidesBox = document.getElementById("hall-slides");
  var updated = document.getElementById("hall-updated");
  var market = document.getElementById("hall-market");
  var clock = document.getElementById("hall-clock");
  var refreshMs = Number(root.dataset.refresh || 10) * 1000;
  var slideMs = Number(root.dataset.slide || 15) * 1000;
  var marketState = document.getElementById("hall-market-state");
  var dateBox = document.getElementById("hall-date");
  var board = JSON.parse(document.getElementById("board-data").textContent);
  var notices = JSON.parse(document.getElementById("notice-data").textContent);
  var lastSuccess = new Date();
  var online = true;
  var current = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // The hall's clock is the center's time zone, whatever the TV box is set to.
  var clockFormat = new Intl.DateTimeFormat("zh-CN", {
    timeZone: root.dataset.timeZone || "Asia/Shanghai",
    hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false
  });
  function hhmmss(d) { return clockFormat.format(d); }
  var dateFormat = new Intl.DateTimeFormat("zh-CN", {
    timeZone: root.dataset.timeZone || "Asia/Shanghai",
    year: "numeric", month: "long", day: "numeric", weekday: "long"
  });

  // Shrink a line's type until it fits its box: a name or a window is never cut nor broken.
  function fit(node) {
    var size = parseFloat(getComputedStyle(node).fontSize);
    var floor = size * 0.6;
    while (node.scrollWidth > node.clientWidth && size > floor) {
      size -= 1;
      node.style.fontSize = size + "px";
    }
  }

  function card(person, windowTitle) {
    var li = el("li", "hall-card" + (person.status.present ? "" : " hall-card--away"));
    li.dataset.member = person.id;
    // The window's name spans the whole card, so it rarely needs a second line.
    li.appendChild(el("p", "hall-card__post", windowTitle || person.title));
    if (person.photo) {
      var img = el("img", "hall-card__photo");
      img.src = person.photo;
      img.alt = "";
      li.appendChild(img);
    } else {
      li.appendChild(el("span", "hall-card__photo hall-card__photo--blank", person.name.slice(0, 1)));
    }
    var body = el("div", "hall-card__body");
    body.appendChild(el("p", "hall-card__name", person.name));
    var status = el("p", "hall-status hall-status--" + person.status.colour +
      (person.status.overdue ? " hall-status--overdue" : ""), person.status.name);
    body.appendChild(status);
    if (person.status.return_text) {
      body.appendChild(el("p", "hall-card__return" + (person.status.overdue ? " hall-card__return--overdue" : ""),
        person.status.return_text));
    }
    if (person.ask_instead) {
      body.appendChild(el("p", "hall-card__ask", "请找B角 " + person.ask_instead.name));
    } else if (person.both_away) {
      body.appendChild(el("p", "hall-card__ask", "请到综合咨询窗口"));
    } else if (person.ab_partner) {
      body.appendChild(el("p", "hall-card__partner", "B角 " + person.ab_partner.name));
    }
    li.appendChild(body);
    return li;
  }

  // Fills the screen with cards and starts a new page only when the next card would not fit:
  // each card is measured in place, so any screen size and any text length work.
  function boardSlides() {
    var people = [];
    board.groups.forEach(function (group) {
      group.staff.forEach(function (person) { people.push([person, group.title]); });
    });
    var slides = [];
    var list;
    function open() {
      slides.forEach(function (s) { s.hidden = true; });
      var slide = el("section", "hall-slide hall-slide--board");
      slide.appendChild(el("h2", "hall-slide__title", "工作人员去向公示"));
      list = el("ul", "hall-grid");
      slide.appendChild(list);
      slidesBox.appendChild(slide);
      slides.push(slide);
    }
    function overflows() { return slidesBox.scrollHeight > slidesBox.clientHeight + 1; }
    open();
    if (!people.length) {
      list.replaceWith(el("p", "hall__empty", "本中心尚未登记工作人员。"));
      return slides;
    }
    people.forEach(function (pair) {
      var item = card(pair[0], pair[1]);
      list.appendChild(item);
      item.querySelectorAll(".hall-card__name, .hall-card__post").forEach(fit);
      if (list.children.length > 1 && overflows()) {
        list.removeChild(item);
        open();
        list.appendChild(item);
      }
    });
    if (slides.length > 1) {
      slides.forEach(function (slide, index) {
        slide.firstChild.textContent += "（" + (index + 1) + "/" + slides.length + "）";
      });
    }
    return slides;
  }

  function noticeSlide() {
    if (!notices.notices.length) return null;
    var slide = el("section", "hall-slide hall-slide--notices");
    slide.appendChild(el("h2", "hall-slide__title", "正在公示"));
    var list = el("ul", "hall-notices");
    notices.notices.forEach(function (n) {
      var item = el("li");
      item.appendChild(el("span", "hall-notices__kind", n.kind));
      item.appendChild(el("span", "hall-notices__title", n.title));
      item.appendChild(el("span", "hall-notices__end", "公示至 " + n.end));
      list.appendChild(item);
    });
    slide.appendChild(list);
    return slide;
  }

  function contactSlide() {
    var c = board.center;
    var slide = el("section", "hall-slide hall-slide--contact");
    slide.appendChild(el("h2", "hall-slide__title", "办公时间与联系方式"));
    var dl = el("dl", "hall-contact");
    function row(label, value) { dl.appendChild(el("dt", null, label)); dl.appendChild(el("dd", null, value)); }
    row("办公时间", c.opening_hours.join("　"));
    row("咨询电话", c.consultation_phone);
    row("监督投诉电话", c.complaint_phone);
    row("地址", c.address);
    if (board.market_day.rule) row("逢场日", board.market_day.rule + (board.market_day.next.length ? "（近期：" + board.market_day.next.join("、") + "）" : ""));
    slide.appendChild(dl);
    return slide;
  }

  function render() {
    if (board.market_day.today) {
      market.textContent = "今天是逢场日（" + board.market_day.rule + "），各窗口均安排人员在岗服务";
      market.hidden = false;
    } else {
      market.hidden = true;
    }
    marketState.hidden = !board.market_day.rule;
    marketState.textContent = board.market_day.today ? marketState.dataset.market : marketState.dataset.noMarket;
    slidesBox.textContent = "";
    var slides = boardSlides();
    var n = noticeSlide();
    if (n) { slides.push(n); slidesBox.appendChild(n); }
    var contact = contactSlide();
    slides.push(contact);
    slidesBox.appendChild(contact);
    if (current >= slides.length) current = 0;
    show();
  }

  function show() {
    var slides = slidesBox.querySelectorAll(".hall-slide");
    slides.forEach(function (s, i) { s.hidden = i !== current; });
  }

  function next() {
    var count = slidesBox.querySelectorAll(".hall-slide").length;
    current = count ? (current + 1) % count : 0;
    show();
  }

  function showUpdated() {
    var text = "最后更新 " + hhmmss(lastSuccess);
    if (!online) text = "网络中断，显示的是 " + hhmmss(lastSuccess) + " 的数据";
    updated.textContent = text;
    root.classList.toggle("hall--offline", !online);
  }

  function getJson(url) {
    return fetch(url, { cache: "no-store", headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
  }

  function refresh() {
    Promise.all([getJson(root.dataset.boardUrl), getJson(root.dataset.noticesUrl)])
      .then(function (results) {
        board = results[0];
        notices = results[1];
        lastSuccess = new Date();
        online = true;
        render();
        showUpdated();
      })
      .catch(function () {
        online = false;
        showUpdated();
      });
  }

  function tick() {
    var now = new Date();
    clock.textContent = hhmmss(now);
    dateBox.textContent = dateFormat.format(now);
  }

  tick();
  render();
  showUpdated();
  setInterval(tick, 1000);
  setInterval(refresh, refreshMs);
  setInterval(next, slideMs);
})();
