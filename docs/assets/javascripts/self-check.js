// The self-check questions ("Autoevaluación", macros/questions.py): checks the reader's
// answers and keeps them in this browser. course.js loads this file only on pages that
// have questions. Without it, the page still works: each solution stays folded under its
// question, and the buttons stay hidden.
(() => {
  // Material keys what it keeps in the browser by the site's root (`__md_scope`), so that
  // two sites on one host (a pull-request preview and the site) keep their own answers.
  const root = () => (typeof __md_scope !== "undefined" ? __md_scope.pathname : "/");
  const keyOf = (page, question) => `${root()}.__self_check.${page}.${question}`;
  // Storage can be full or forbidden (private windows, blocked cookies): the questions
  // still work, they are only not remembered.
  const load = (key) => {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch {
      return null;
    }
  };
  const save = (key, value) => {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {}
  };
  const forget = (key) => {
    try {
      localStorage.removeItem(key);
    } catch {}
  };

  const chosen = (question) => question.querySelector("input[type=radio]:checked");

  // The verdict first ("Correcto." or "Incorrecto." and the right option), then the
  // explanation with its link, copied from the folded solution the page already has.
  const showFeedback = (question) => {
    const region = question.querySelector(".course-question__feedback");
    const right = chosen(question).value === question.dataset.answer;
    const solution = question.querySelector(".course-answer");
    const verdict = document.createElement("p");
    const word = document.createElement("strong");
    word.textContent = right ? "Correcto." : "Incorrecto.";
    verdict.append(word);
    if (!right) {
      const choice = solution.querySelector(".course-answer__choice").textContent.trim();
      verdict.append(` ${choice}`);
    }
    const explanation = solution.querySelector(".course-answer__explanation").cloneNode(true);
    explanation.removeAttribute("class");
    region.replaceChildren(verdict, explanation);
    question.classList.toggle("course-question--right", right);
    question.classList.toggle("course-question--wrong", !right);
  };

  const clearFeedback = (question) => {
    question.querySelector(".course-question__feedback").replaceChildren();
    question.classList.remove("course-question--right", "course-question--wrong");
  };

  const setUp = (block) => {
    const page = block.dataset.selfCheck;
    const questions = [...block.querySelectorAll(".course-question[data-question]")];
    const score = block.querySelector(".course-self-check__score");
    const status = block.querySelector(".course-self-check__status");

    const showScore = () => {
      const done = questions.filter((q) => q.querySelector(".course-question__feedback strong"));
      const right = questions.filter((q) => q.matches(".course-question--right")).length;
      score.textContent =
        `Has comprobado ${done.length} de ${questions.length} preguntas ` +
        `y has acertado ${right}.`;
    };

    // The verdicts of saved answers are put back silently: a screen reader would otherwise
    // read them all out as the page opens. The live regions speak again afterwards.
    const regions = block.querySelectorAll("[aria-live]");
    regions.forEach((region) => region.removeAttribute("aria-live"));
    for (const question of questions) {
      question.querySelector(".course-question__check").hidden = false;
      const saved = load(keyOf(page, question.dataset.question));
      // A saved answer whose option is gone (the data changed) is dropped.
      const value = CSS.escape(String(saved?.choice));
      const input = saved && question.querySelector(`input[value="${value}"]`);
      if (!input) {
        if (saved) forget(keyOf(page, question.dataset.question));
        continue;
      }
      input.checked = true;
      if (saved.checked) showFeedback(question);
    }
    regions.forEach((region) => region.setAttribute("aria-live", "polite"));
    block.querySelector(".course-self-check__progress").hidden = false;
    block.toggleAttribute("data-ready", true);
    showScore();

    // Choosing another option makes the last verdict stale: clear it until "Comprobar".
    block.addEventListener("change", (event) => {
      const question = event.target.closest(".course-question");
      if (!question || event.target.type !== "radio") return;
      clearFeedback(question);
      save(keyOf(page, question.dataset.question), { choice: event.target.value, checked: false });
      showScore();
    });

    // The buttons keep the focus: the verdict is announced by its live region.
    block.addEventListener("click", (event) => {
      const check = event.target.closest(".course-question__check");
      if (check) {
        const question = check.closest(".course-question");
        const input = chosen(question);
        if (!input) {
          clearFeedback(question);
          const hint = document.createElement("p");
          hint.textContent = "Elige una de las opciones y vuelve a pulsar «Comprobar».";
          question.querySelector(".course-question__feedback").replaceChildren(hint);
          return;
        }
        showFeedback(question);
        save(keyOf(page, question.dataset.question), { choice: input.value, checked: true });
        showScore();
        return;
      }
      if (event.target.closest(".course-self-check__reset")) {
        for (const question of questions) {
          const input = chosen(question);
          if (input) input.checked = false;
          clearFeedback(question);
          forget(keyOf(page, question.dataset.question));
        }
        showScore();
        status.textContent = "Se han borrado tus respuestas de esta página.";
      }
    });
  };

  // On every page, also those Material's instant navigation swaps in.
  const onPage = () => {
    for (const block of document.querySelectorAll(".course-self-check[data-self-check]")) {
      if (!block.hasAttribute("data-ready")) setUp(block);
    }
  };
  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else {
    onPage();
  }
})();
